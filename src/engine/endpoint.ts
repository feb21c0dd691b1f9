// Where is the Docker engine? Resolved exactly the way the docker CLI does it, so the explorer, the checks and the
// `docker` commands a lesson runs all talk to the same daemon:
//   dockerLessons.host setting > DOCKER_HOST > DOCKER_CONTEXT / currentContext in config.json > the usual sockets.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { t } from '../i18n';
import { EngineError } from './errors';
import type { Endpoint } from './types';

export interface ResolveEndpointInput {
  /** The `dockerLessons.host` setting (empty or undefined = not set). */
  setting?: string;
  env: NodeJS.ProcessEnv;
  homeDir: string;
  platform: NodeJS.Platform;
  /** Injected for tests; defaults to fs.existsSync. */
  fileExists?: (p: string) => boolean;
}

export const DEFAULT_UNIX_SOCKET = '/var/run/docker.sock';
export const DEFAULT_NAMED_PIPE = '//./pipe/docker_engine';

export function resolveEndpoint(input: ResolveEndpointInput): Endpoint {
  const { env, homeDir, platform } = input;
  const exists = input.fileExists ?? ((p: string) => fs.existsSync(p));
  const configDir = dockerConfigDir(env, homeDir);

  const setting = input.setting?.trim();
  if (setting) return withEnvTls(parseDockerHost(setting, 'setting'), env, configDir, exists);

  const dockerHost = env.DOCKER_HOST?.trim();
  if (dockerHost) return withEnvTls(parseDockerHost(dockerHost, 'DOCKER_HOST'), env, configDir, exists);

  const contextName = env.DOCKER_CONTEXT?.trim() || currentContextFromConfig(configDir);
  if (contextName && contextName !== 'default') return endpointFromContext(contextName, configDir, exists);

  return defaultSocket(env, homeDir, platform, exists);
}

/** `DOCKER_CONFIG` or ~/.docker: where config.json, contexts and default TLS files live. */
export function dockerConfigDir(env: NodeJS.ProcessEnv, homeDir: string): string {
  return env.DOCKER_CONFIG?.trim() || path.join(homeDir, '.docker');
}

/** The docker CLI stores a context under the sha256 of its name (names may contain characters unsafe in paths). */
export function contextDirName(contextName: string): string {
  return createHash('sha256').update(contextName).digest('hex');
}

/** Parse a DOCKER_HOST-style value. Throws EngineError('bad-host') naming the value. */
export function parseDockerHost(value: string, source: string): Endpoint {
  const bad = (): EngineError => new EngineError('bad-host', t(
    'The Docker host "{0}" (from {1}) is not valid. Use unix:///path/to/docker.sock, tcp://host:port, ssh://user@host[:port] or npipe:////./pipe/docker_engine, and fix the dockerLessons.host setting or DOCKER_HOST.',
    value, source === 'setting' ? 'dockerLessons.host' : source), value);

  // Like the CLI, a value without a scheme is a TCP address.
  const withScheme = value.includes('://') ? value : `tcp://${value}`;
  const scheme = withScheme.slice(0, withScheme.indexOf('://')).toLowerCase();
  const rest = withScheme.slice(scheme.length + 3);

  switch (scheme) {
    case 'unix': {
      const socketPath = rest || DEFAULT_UNIX_SOCKET;
      return { kind: 'unix', socketPath, url: `unix://${socketPath}`, source };
    }
    case 'npipe': {
      const pipe = rest || DEFAULT_NAMED_PIPE;
      return { kind: 'npipe', socketPath: pipe, url: `npipe://${pipe}`, source };
    }
    case 'tcp':
    case 'ssh': {
      let parsed: URL;
      try {
        parsed = new URL(withScheme);
      } catch {
        throw bad();
      }
      const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
      if (!host || (parsed.pathname && parsed.pathname !== '/') || parsed.search || parsed.hash) throw bad();
      if (scheme === 'tcp') {
        if (parsed.username || parsed.password) throw bad();
        const port = parsed.port ? Number(parsed.port) : 2375;
        return { kind: 'tcp', host, port, url: `tcp://${formatHost(host)}:${port}`, source };
      }
      const port = parsed.port ? Number(parsed.port) : 22;
      const username = parsed.username ? decodeURIComponent(parsed.username) : undefined;
      const userPart = username ? `${parsed.username}@` : '';
      const portPart = parsed.port ? `:${port}` : '';
      return { kind: 'ssh', host, port, username, url: `ssh://${userPart}${formatHost(host)}${portPart}`, source };
    }
    default:
      throw bad();
  }
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** DOCKER_TLS_VERIFY / DOCKER_TLS / DOCKER_CERT_PATH apply to a tcp host given by the setting or DOCKER_HOST. */
function withEnvTls(
  endpoint: Endpoint, env: NodeJS.ProcessEnv, configDir: string, exists: (p: string) => boolean,
): Endpoint {
  if (endpoint.kind !== 'tcp') return endpoint;
  const verify = !!env.DOCKER_TLS_VERIFY;
  if (!verify && !env.DOCKER_TLS) return endpoint;
  const certDir = env.DOCKER_CERT_PATH?.trim() || configDir;
  const file = (name: string): string | undefined => {
    const p = path.join(certDir, name);
    // With verification on, the CLI insists on the files; pass the paths on so the error names the missing one.
    return verify || exists(p) ? p : undefined;
  };
  return { ...endpoint, tls: { caPath: file('ca.pem'), certPath: file('cert.pem'), keyPath: file('key.pem'), verify } };
}

function currentContextFromConfig(configDir: string): string | undefined {
  const file = path.join(configDir, 'config.json');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined; // no config.json: the CLI's default context
  }
  try {
    const config = JSON.parse(text) as { currentContext?: unknown };
    return typeof config.currentContext === 'string' ? config.currentContext.trim() : undefined;
  } catch {
    throw new EngineError('bad-host', t(
      'The Docker configuration file {0} is not valid JSON. Fix or remove it, or set DOCKER_HOST or the dockerLessons.host setting.',
      file));
  }
}

interface ContextMeta {
  Name?: string;
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
}

function endpointFromContext(name: string, configDir: string, exists: (p: string) => boolean): Endpoint {
  const digest = contextDirName(name);
  const metaFile = path.join(configDir, 'contexts', 'meta', digest, 'meta.json');
  const source = `context:${name}`;
  let meta: ContextMeta;
  try {
    meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as ContextMeta;
  } catch {
    throw new EngineError('bad-host', t(
      'The Docker context "{0}" does not exist or cannot be read ({1}). Run `docker context use default`, or fix DOCKER_CONTEXT / currentContext in config.json.',
      name, metaFile));
  }
  const docker = meta.Endpoints?.docker;
  if (!docker?.Host) {
    throw new EngineError('bad-host', t(
      'The Docker context "{0}" has no Docker endpoint. Run `docker context inspect {0}` to check it, or `docker context use default`.',
      name));
  }
  const endpoint = parseDockerHost(docker.Host, source);
  if (endpoint.kind !== 'tcp') return endpoint;

  const tlsDir = path.join(configDir, 'contexts', 'tls', digest, 'docker');
  const file = (fileName: string): string | undefined => {
    const p = path.join(tlsDir, fileName);
    return exists(p) ? p : undefined;
  };
  const caPath = file('ca.pem');
  const certPath = file('cert.pem');
  const keyPath = file('key.pem');
  const skipVerify = docker.SkipTLSVerify === true;
  // Same rule as the CLI's context store: TLS when the context has TLS data or asks to skip verification.
  if (!caPath && !certPath && !keyPath && !skipVerify) return endpoint;
  return { ...endpoint, tls: { caPath, certPath, keyPath, verify: !skipVerify } };
}

function defaultSocket(
  env: NodeJS.ProcessEnv, homeDir: string, platform: NodeJS.Platform, exists: (p: string) => boolean,
): Endpoint {
  if (platform === 'win32') {
    return { kind: 'npipe', socketPath: DEFAULT_NAMED_PIPE, url: `npipe://${DEFAULT_NAMED_PIPE}`, source: 'default-socket' };
  }
  const candidates = [DEFAULT_UNIX_SOCKET, path.join(homeDir, '.docker', 'run', 'docker.sock')];
  const runtimeDir = env.XDG_RUNTIME_DIR?.trim();
  if (runtimeDir) {
    candidates.push(path.join(runtimeDir, 'docker.sock'), path.join(runtimeDir, 'podman', 'podman.sock'));
  }
  // When none exists, keep the classic path so the error reads "is the daemon running?".
  const socketPath = candidates.find((p) => exists(p)) ?? DEFAULT_UNIX_SOCKET;
  return { kind: 'unix', socketPath, url: `unix://${socketPath}`, source: 'default-socket' };
}
