// Requiring a built extension bundle in a fresh `node`, outside VS Code: the bench times it, a unit test checks what
// loading it initialises.
import { execFileSync } from 'node:child_process';
import * as vscodeMock from './vscodeMock';

export interface BundleLoad {
  /** How long the require() took. */
  ms: number;
  /** What the bundle itself require()d while it loaded (node modules, and our vendor files). */
  requested: string[];
  /** zod leaves its global config behind when its modules initialise. */
  zodInitialised: boolean;
  exportsActivate: boolean;
}

/**
 * `bundle` required in a child process with a stub `vscode`: the API's top-level names (the unit tests' mock has them),
 * each a bottomless proxy, since the bundle reads enum members (DiagnosticSeverity …) when it loads and esbuild copies
 * only a module's own names.
 */
export function loadBundleInChild(bundle: string): BundleLoad {
  const script = `
    const Module = require('module');
    const deep = () => new Proxy(function () {}, { get: (_, key) => key === Symbol.toPrimitive ? () => 0 : deep(), apply: () => deep(), construct: () => deep() });
    const vscode = Object.fromEntries(${JSON.stringify(Object.keys(vscodeMock))}.map((name) => [name, deep()]));
    const requested = [];
    const load = Module._load;
    Module._load = function (request, parent, ...rest) {
      if (request === 'vscode') return vscode;
      if (parent && parent.filename === ${JSON.stringify(bundle)}) requested.push(request);
      return load.call(this, request, parent, ...rest);
    };
    const t = process.hrtime.bigint();
    const loaded = require(${JSON.stringify(bundle)});
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    process.stdout.write(JSON.stringify({ ms, requested, zodInitialised: '__zod_globalConfig' in globalThis, exportsActivate: typeof loaded.activate === 'function' }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as BundleLoad;
}
