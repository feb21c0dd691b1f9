// What the doctor looks at, behind one interface so each check is unit-tested with made-up answers. The real probes
// ask the engine (through the engine contract), run the docker CLI, read daemon.json, send one GET /v2/ to each registry
// address the configuration names (never any other address), and statfs the data root when the engine is local.
import { promises as fs } from 'fs';
import * as http from 'http';
import * as https from 'https';
import type { DockerEngine } from '../engine/api';
import { classifyError } from '../engine/classify';
import type { EngineInfo } from '../engine/types';
import { stepEnv } from '../runner/env';
import { runShell } from '../runner/process';

export interface EngineFacts {
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
  info: EngineInfo;
}

export type FileAnswer = { text: string } | { missing: true } | { unreadable: string };

/** A registry's answer to GET /v2/: its status, or why there was none. */
export type RegistryAnswer = { status: number } | { error: string; timedOut: boolean };

/** The environment the daemon process was started with, when this user may see it. */
export interface DaemonEnvironment {
  source: 'proc' | 'systemd';
  env: Record<string, string>;
}

export interface DoctorProbes {
  /** `docker --version` of the client on PATH, or undefined when it cannot run. */
  dockerCli(): Promise<string | undefined>;
  /** GET /version and /info; throws EngineError when the engine cannot be reached. */
  engine(): Promise<EngineFacts>;
  /** Versions of the buildx and compose CLI plugins (undefined: not installed or not working). */
  plugins(): Promise<{ buildx?: string; compose?: string }>;
  readFile(file: string): Promise<FileAnswer>;
  registry(url: string, timeoutMs: number): Promise<RegistryAnswer>;
  /** Free and total bytes of the file system holding `dir`; undefined when it cannot be measured from here. */
  diskSpace(dir: string): Promise<{ freeBytes: number; totalBytes: number } | undefined>;
  daemonEnvironment(): Promise<DaemonEnvironment | undefined>;
}

const CLI_TIMEOUT_MS = 10_000;

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? '';
}

/** GET `url` once, no redirects, no proxy (the doctor reports what the network does without one). */
export function getStatus(url: string, timeoutMs: number): Promise<RegistryAnswer> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (answer: RegistryAnswer) => {
      if (settled) return;
      settled = true;
      resolve(answer);
    };
    let request: http.ClientRequest;
    try {
      const client = url.startsWith('https:') ? https : http;
      request = client.get(url, { headers: { 'User-Agent': 'docker-lessons-doctor' } }, (response) => {
        response.resume();
        done({ status: response.statusCode ?? 0 });
      });
    } catch (error) {
      done({ error: error instanceof Error ? error.message : String(error), timedOut: false });
      return;
    }
    request.setTimeout(timeoutMs, () => {
      done({ error: `no answer within ${Math.round(timeoutMs / 1000)} s`, timedOut: true });
      request.destroy();
    });
    request.on('error', (error: NodeJS.ErrnoException) => done({ error: error.code ? `${error.code}: ${error.message}` : error.message, timedOut: false }));
  });
}

/** `KEY=value` lines (systemd's Environment= value or /proc/<pid>/environ split on NUL) as a record. */
export function parseEnvironment(entries: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

/** `Environment=HTTP_PROXY=http://p:3128 "NO_PROXY=a b"` from `systemctl show --property=Environment`. */
export function parseSystemdEnvironment(line: string): Record<string, string> {
  const value = line.replace(/^Environment=/, '');
  const words = value.match(/"[^"]*"|\S+/g) ?? [];
  return parseEnvironment(words.map((word) => word.replace(/^"|"$/g, '')));
}

export interface RealProbesInput {
  engine: DockerEngine;
  /** The environment the doctor runs in (the docker CLI gets the engine's endpoint on top of it). */
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

/** Probes against the real machine. */
export function realProbes(input: RealProbesInput): DoctorProbes {
  const { engine } = input;
  const platform = input.platform ?? process.platform;
  const cliEnv = stepEnv(engine.endpoint, input.env);
  const cli = async (command: string): Promise<string | undefined> => {
    const result = await runShell(command, { env: cliEnv, cwd: process.cwd(), timeoutMs: CLI_TIMEOUT_MS });
    return !result.spawnError && result.exitCode === 0 ? firstLine(result.stdout) || undefined : undefined;
  };
  return {
    dockerCli: () => cli('docker --version'),
    async engine() {
      try {
        const [version, info] = await Promise.all([engine.version(), engine.info()]);
        return { ...version, info };
      } catch (error) {
        throw classifyError(error, engine.endpoint);
      }
    },
    async plugins() {
      const [buildx, compose] = await Promise.all([cli('docker buildx version'), cli('docker compose version --short')]);
      return { buildx, compose };
    },
    async readFile(file) {
      try {
        return { text: await fs.readFile(file, 'utf8') };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return { missing: true };
        return { unreadable: code ?? String(error) };
      }
    },
    registry: getStatus,
    async diskSpace(dir) {
      // Only for an engine on this machine: a remote or Docker Desktop data root is not this file system.
      if (engine.endpoint.kind !== 'unix' || platform === 'win32') return undefined;
      try {
        const stats = await fs.statfs(dir);
        return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
      } catch {
        return undefined;
      }
    },
    async daemonEnvironment() {
      if (platform !== 'linux' || engine.endpoint.kind !== 'unix') return undefined;
      const fromProc = await procEnvironment(engine.endpoint.socketPath ?? '');
      if (fromProc) return { source: 'proc', env: fromProc };
      // systemd tells anyone what it starts docker.service with (what a drop-in such as http-proxy.conf adds).
      if (engine.endpoint.socketPath !== '/var/run/docker.sock' && engine.endpoint.socketPath !== '/run/docker.sock') return undefined;
      const result = await runShell('systemctl show --property=Environment docker', { env: input.env, cwd: '/', timeoutMs: CLI_TIMEOUT_MS });
      if (result.spawnError || result.exitCode !== 0 || !result.stdout.startsWith('Environment=')) return undefined;
      return { source: 'systemd', env: parseSystemdEnvironment(firstLine(result.stdout)) };
    },
  };
}

/** The environment of the dockerd serving `socket` (by its -H/--host, or the default one), when readable by this user. */
async function procEnvironment(socket: string): Promise<Record<string, string> | undefined> {
  let pids: string[];
  try {
    pids = (await fs.readdir('/proc')).filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  const isDefault = socket === '/var/run/docker.sock' || socket === '/run/docker.sock';
  for (const pid of pids) {
    let argv: string[];
    try {
      argv = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean);
    } catch {
      continue;
    }
    if (!argv[0] || !/(^|\/)dockerd$/.test(argv[0])) continue;
    const hosts = argv.filter((arg, i) => /^unix:\/\//.test(arg) || ['-H', '--host'].includes(argv[i - 1] ?? ''));
    const serves = hosts.some((host) => host.includes(socket)) || (isDefault && !hosts.some((host) => host.startsWith('unix://')));
    if (!serves) continue;
    try {
      return parseEnvironment((await fs.readFile(`/proc/${pid}/environ`, 'utf8')).split('\0'));
    } catch {
      return undefined; // another user's process: not visible
    }
  }
  return undefined;
}
