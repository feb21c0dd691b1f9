// @vscode/test-cli configuration: runs the extension-host suites (test/ext/*.test.ts, bundled by `npm run build` into
// out/test/ext/index.js) in desktop VS Code, for machines that can download it:  npm run build && npx vscode-test
// Here (no access to VS Code downloads) the same suites run in code-server instead: npm run test:ext.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  label: 'extension-host',
  // index.js registers its suites when loaded into a mocha that already installed its globals (this runner does).
  files: 'out/test/ext/index.js',
  // The same VS Code as the code-server runner (1.100.3); engines.vscode is ^1.100.0.
  version: process.env.VSCODE_TEST_VERSION ?? '1.100.3',
  extensionDevelopmentPath: '.',
  workspaceFolder: './test/fixtures',
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'tdd', timeout: 20000, color: true },
  env: { DL_E2E_ENGINE_SOCKET: process.env.DL_E2E_ENGINE_SOCKET ?? '/var/run/docker.sock' },
});
