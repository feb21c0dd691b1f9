// The one translation of a resolved engine Endpoint into the docker CLI's environment. A step's shell, the CLI's image
// pulls, the explorer's terminals (logs, shell, run) and the editor's ▶ Run-in-terminal all point the docker CLI at the
// very engine the engine layer resolved (the dockerLessons.host setting, DOCKER_HOST or a context), without "What's
// next" hints cluttering the output.
import * as path from 'path';
import type { Endpoint } from '../engine/types';

/** Every variable dockerCliEnv decides: each is either set or removed, so a learner's own value cannot win. */
export const DOCKER_CLI_VARIABLES = [
  'DOCKER_HOST', 'DOCKER_CLI_HINTS', 'DOCKER_CONTEXT', 'DOCKER_TLS', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH',
] as const;
export type DockerCliVariable = (typeof DOCKER_CLI_VARIABLES)[number];

/** The docker CLI variables for an endpoint: a string is set, undefined is removed. */
export function dockerCliEnv(endpoint: Endpoint): Record<DockerCliVariable, string | undefined> {
  const env: Record<DockerCliVariable, string | undefined> = {
    DOCKER_HOST: endpoint.url,
    DOCKER_CLI_HINTS: 'false',
    // DOCKER_HOST overrides any context; a DOCKER_CONTEXT left set would make the CLI refuse the combination.
    DOCKER_CONTEXT: undefined,
    DOCKER_TLS: undefined,
    DOCKER_TLS_VERIFY: undefined,
    DOCKER_CERT_PATH: undefined,
  };
  if (endpoint.tls) {
    if (endpoint.tls.verify) env.DOCKER_TLS_VERIFY = '1';
    else env.DOCKER_TLS = '1';
    // The CLI takes a folder holding ca.pem / cert.pem / key.pem.
    const anyFile = endpoint.tls.certPath ?? endpoint.tls.caPath ?? endpoint.tls.keyPath;
    if (anyFile) env.DOCKER_CERT_PATH = path.dirname(anyFile);
  }
  return env;
}

/** A whole process environment: `base` with the docker CLI variables of `endpoint` set or removed. */
export function stepEnv(endpoint: Endpoint, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const [key, value] of Object.entries(dockerCliEnv(endpoint))) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** For a VS Code terminal (`createTerminal({ env })`), merged into the learner's environment: null removes a variable. */
export function terminalEnv(endpoint: Endpoint): Record<DockerCliVariable, string | null> {
  const env = {} as Record<DockerCliVariable, string | null>;
  for (const [key, value] of Object.entries(dockerCliEnv(endpoint))) env[key as DockerCliVariable] = value ?? null;
  return env;
}
