// The layers, enforced. src/vscode is the only folder that imports `vscode`; src/engine is the only one that imports
// `dockerode` (types included); no core folder imports src/vscode; and the core layers import only downwards
// (runner → lessons → checks → engine). Imports are read with the TypeScript AST: import and export declarations
// (`import type` too), `import x = require(…)`, require() and import() calls, and `import('…').T` types.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '..', '..');
const src = path.join(root, 'src');

interface Import {
  /** The file, relative to the repository ("src/checks/lookup.ts"). */
  file: string;
  line: number;
  specifier: string;
  /** For relative specifiers: the imported path relative to the repository, without extension ("src/vscode/ids"). */
  target?: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true }).map(String)
    .filter((f) => /\.(ts|tsx|mts|cts)$/.test(f) && !f.endsWith('.d.ts')).map((f) => path.join(dir, f));
}

function stringArgument(node: ts.CallExpression): ts.StringLiteralLike | undefined {
  const [first] = node.arguments;
  return first && ts.isStringLiteralLike(first) ? first : undefined;
}

/** Every module specifier `file` names, with its line. */
function importsOf(file: string, text = fs.readFileSync(file, 'utf8')): Import[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const relativeFile = path.relative(root, file).split(path.sep).join('/');
  const found: Import[] = [];
  const add = (literal: ts.StringLiteralLike) => {
    const specifier = literal.text;
    const target = specifier.startsWith('.')
      ? path.relative(root, path.resolve(path.dirname(file), specifier)).split(path.sep).join('/').replace(/\.[cm]?[jt]sx?$/, '')
      : undefined;
    found.push({ file: relativeFile, line: source.getLineAndCharacterOfPosition(literal.getStart()).line + 1, specifier, target });
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteralLike(node.moduleSpecifier)) {
      add(node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)
      && ts.isStringLiteralLike(node.moduleReference.expression)) {
      add(node.moduleReference.expression);
    } else if (ts.isCallExpression(node)) {
      const literal = stringArgument(node);
      const callee = node.expression;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (literal && (isRequire || callee.kind === ts.SyntaxKind.ImportKeyword)) add(literal);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteralLike(node.argument.literal)) {
      add(node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The package a bare specifier names ("dockerode", "@types/dockerode", "vscode"), or undefined for a path. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The folder of src/ a repository path is in ("src/checks/kinds/port" → "checks"), or undefined outside src/. */
function srcFolder(repoPath: string): string | undefined {
  const match = /^src\/([^/]+)\//.exec(repoPath);
  return match?.[1];
}

const at = (i: Import) => `${i.file}:${i.line} imports '${i.specifier}'`;

/** Folders that must not depend on the VS Code adapter layer. */
const CORE = ['engine', 'checks', 'lessons', 'runner', 'i18n', 'editor', 'viewmodel', 'webview', 'cli', 'doctor'];

/** The core layers, lowest first: each may import the ones before it, never those after it nor the outer folders. */
const RANKED = ['engine', 'checks', 'lessons', 'runner'];
const OUTER = ['cli', 'viewmodel', 'editor', 'webview', 'vscode', 'doctor'];

function violations(imports: readonly Import[]): Record<string, string[]> {
  const result: Record<string, string[]> = { vscode: [], dockerode: [], core: [], downwards: [] };
  for (const i of imports) {
    const from = srcFolder(i.file);
    const pkg = packageOf(i.specifier);
    const to = i.target ? srcFolder(`${i.target}/`) : undefined;
    if (pkg === 'vscode' && from !== 'vscode') result.vscode.push(`${at(i)}: only src/vscode/ may import vscode`);
    if ((pkg === 'dockerode' || pkg === '@types/dockerode') && from !== 'engine') {
      result.dockerode.push(`${at(i)}: only src/engine/ may import dockerode; use DockerEngine and the types of src/engine/types.ts`);
    }
    if (from && CORE.includes(from) && to === 'vscode') result.core.push(`${at(i)}: src/${from} is core and must not import src/vscode`);
    const rank = from ? RANKED.indexOf(from) : -1;
    if (rank >= 0 && to && to !== from && (RANKED.indexOf(to) > rank || OUTER.includes(to))) {
      result.downwards.push(`${at(i)}: src/${from} must not import src/${to} (layers: ${RANKED.join(' ← ')})`);
    }
  }
  return result;
}

describe('layers', () => {
  const imports = sourceFiles(src).flatMap((file) => importsOf(file));

  test('the scan sees the imports it must judge', () => {
    assert.ok(imports.some((i) => i.specifier === 'vscode' && i.file.startsWith('src/vscode/')), 'no vscode import found in src/vscode');
    assert.ok(imports.some((i) => i.specifier === 'dockerode' && i.file.startsWith('src/engine/')), 'no dockerode import found in src/engine');
  });

  test('vscode is imported only in src/vscode/', () => {
    assert.deepEqual(violations(imports).vscode, []);
  });

  test('dockerode is imported only in src/engine/ (types included)', () => {
    assert.deepEqual(violations(imports).dockerode, []);
  });

  test('no core folder imports src/vscode', () => {
    assert.deepEqual(violations(imports).core, []);
  });

  test('the core layers import only downwards: runner → lessons → checks → engine', () => {
    assert.deepEqual(violations(imports).downwards, []);
  });

  test('each kind of import is caught, with its file and line', () => {
    const file = path.join(src, 'checks', 'example.ts');
    const text = [
      "import type Dockerode from 'dockerode';",
      "import * as vscode from 'vscode';",
      "export { x } from '../vscode/ids';",
      "import fs = require('dockerode/lib/docker');",
      "const lazy = () => import('vscode');",
      "const old = require('../runner/runner');",
      "type Info = import('dockerode').ContainerInfo;",
      "import { fine } from '../engine/api';",
    ].join('\n');
    const found = violations(importsOf(file, text));
    const where = (message: string) => message.split(' ')[0];
    assert.deepEqual(found.dockerode.map(where), ['src/checks/example.ts:1', 'src/checks/example.ts:4', 'src/checks/example.ts:7']);
    assert.deepEqual(found.vscode.map(where), ['src/checks/example.ts:2', 'src/checks/example.ts:5']);
    assert.deepEqual(found.core.map(where), ['src/checks/example.ts:3']);
    assert.deepEqual(found.downwards.map(where), ['src/checks/example.ts:3', 'src/checks/example.ts:6']);
    assert.match(found.core[0], /^src\/checks\/example\.ts:3 imports '\.\.\/vscode\/ids': src\/checks is core/);
  });
});
