// Every user-facing string has a zh-CN translation with the same placeholders, and package.json's %keys% exist in both
// nls files. Messages are found with the TypeScript AST: calls to `t(...)`, `l10n.t(...)` and `vscode.l10n.t(...)`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true }).map(String)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => path.join(dir, f));
}

function isL10nCall(node: ts.CallExpression): boolean {
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return callee.text === 't';
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 't') return false;
  const owner = callee.expression;
  return (ts.isIdentifier(owner) && owner.text === 'l10n') || (ts.isPropertyAccessExpression(owner) && owner.name.text === 'l10n');
}

function messagesIn(file: string): { message: string; line: number }[] {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: { message: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && isL10nCall(node) && node.arguments.length > 0) {
      const first = node.arguments[0];
      let message: string | undefined;
      if (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) message = first.text;
      else if (ts.isObjectLiteralExpression(first)) {
        const prop = first.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === 'message');
        if (prop && (ts.isStringLiteral(prop.initializer) || ts.isNoSubstitutionTemplateLiteral(prop.initializer))) message = prop.initializer.text;
      }
      if (message !== undefined) found.push({ message, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function zhBundle(): Record<string, string> {
  const dir = path.join(root, 'l10n', 'zh-cn');
  const merged: Record<string, string> = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    Object.assign(merged, JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
  }
  return merged;
}

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort();

describe('l10n', () => {
  test('every t()/l10n.t() message in src has a zh-CN translation with the same placeholders', () => {
    const bundle = zhBundle();
    const files = sourceFiles(path.join(root, 'src'));
    const problems: string[] = [];
    let count = 0;
    for (const file of files) {
      for (const { message, line } of messagesIn(file)) {
        count++;
        const where = `${path.relative(root, file)}:${line}`;
        const zh = bundle[message];
        if (zh === undefined) problems.push(`${where}: no zh-CN translation for "${message}"`);
        else if (placeholders(zh).join() !== placeholders(message).join()) problems.push(`${where}: placeholders differ in "${message}" → "${zh}"`);
      }
    }
    assert.ok(count > 0, 'found no localized messages at all: the scan is broken');
    assert.deepEqual(problems, []);
  });

  test('package.json %keys% exist in package.nls.json and package.nls.zh-cn.json', () => {
    const pkg = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const keys = [...pkg.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    const en = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const zh = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
    assert.ok(keys.length > 0);
    assert.deepEqual(keys.filter((k) => !(k in en)), [], 'missing in package.nls.json');
    assert.deepEqual(keys.filter((k) => !(k in zh)), [], 'missing in package.nls.zh-cn.json');
    assert.deepEqual(Object.keys(en).filter((k) => !(k in zh)), [], 'English nls keys without a zh-CN entry');
  });
});
