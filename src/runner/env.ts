// The environment of a step's shell: the docker CLI must talk to the very engine the engine layer resolved (the
// dockerLessons.host setting, DOCKER_HOST or a context), without "What's next" hints cluttering the captured output.
import * as path from 'path';
import type { Endpoint } from '../engine/types';

export function stepEnv(endpoint: Endpoint, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  // DOCKER_HOST overrides any context; a DOCKER_CONTEXT left set would make the CLI refuse the combination.
  delete env.DOCKER_CONTEXT;
  delete env.DOCKER_TLS;
  delete env.DOCKER_TLS_VERIFY;
  delete env.DOCKER_CERT_PATH;
  env.DOCKER_HOST = endpoint.url;
  env.DOCKER_CLI_HINTS = 'false';
  if (endpoint.tls) {
    if (endpoint.tls.verify) env.DOCKER_TLS_VERIFY = '1';
    else env.DOCKER_TLS = '1';
    // The CLI takes a folder holding ca.pem / cert.pem / key.pem.
    const anyFile = endpoint.tls.certPath ?? endpoint.tls.caPath ?? endpoint.tls.keyPath;
    if (anyFile) env.DOCKER_CERT_PATH = path.dirname(anyFile);
  }
  if (base.LANG !== undefined) env.LANG = base.LANG;
  return env;
}
