// Entry point for the extension-host tests, same contract as @vscode/test-electron: `run()` runs mocha inside the
// extension host. scripts/build.mjs bundles this file (with the suites) to out/test/ext/index.js, mocha external.
// Suites register through functions because a bundle evaluates every imported module before mocha has installed
// its `suite`/`test` globals.
import Mocha from 'mocha';
import { registerActivationSuite } from './activation.test';
import { registerExplorerSuite } from './explorer.test';

// Order matters: activation is measured before anything else has touched the engine.
const SUITES: readonly (() => void)[] = [registerActivationSuite, registerExplorerSuite];

function registerSuites(): void {
  for (const register of SUITES) register();
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 20000, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'out/test/ext/index.js', mocha);
  registerSuites();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed.`)) : resolve()));
  });
}

// @vscode/test-cli (.vscode-test.mjs) loads this file as a spec inside its own mocha, globals already installed.
const globals = globalThis as { suite?: unknown; test?: unknown };
if (typeof globals.suite === 'function' && typeof globals.test === 'function') registerSuites();
