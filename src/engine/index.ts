// Public face of the engine layer: the contract, the types, and a factory. Nothing here imports `vscode`.
import * as os from 'os';
import type { DockerEngine } from './api';
import { resolveEndpoint } from './endpoint';
import type { Endpoint } from './types';

export * from './api';
export * from './types';
export * from './errors';
export { classifyError } from './classify';
export { resolveEndpoint, parseDockerHost, dockerConfigDir, contextDirName } from './endpoint';
export type { ResolveEndpointInput } from './endpoint';

/** The client; its module (node's http and https, the socket agents) loads on the first call, not with the bundle. */
export function createEngine(endpoint: Endpoint): DockerEngine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Engine } = require('./client') as typeof import('./client');
  return new Engine(endpoint);
}

/** Resolve from the environment the way the docker CLI would (plus the optional setting) and create the client. */
export function createEngineFromEnvironment(setting?: string, env: NodeJS.ProcessEnv = process.env): DockerEngine {
  return createEngine(resolveEndpoint({ setting, env, homeDir: os.homedir(), platform: process.platform }));
}
