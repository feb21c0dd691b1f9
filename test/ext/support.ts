// Helpers for suites that run inside the extension host (see test/e2e/run-ext-tests.cjs for how they get there).
import * as fs from 'fs';
import { randomBytes } from 'crypto';
import Docker from 'dockerode';
import * as vscode from 'vscode';
import type { DockerLessonsApi } from '../../src/viewmodel/explorer/api';

export const EXTENSION_ID = 'docker-lessons.docker-lessons';
export const TEST_IMAGE = 'dl-test/busybox:latest';
export const TEST_LABEL = { 'docker-lessons.test': 'ext' };
/** Sleeps, but exits at once on SIGTERM (a bare `sleep` as PID 1 ignores it, so every stop would take 10 s). */
export const SLEEPER_CMD = ['sh', '-c', 'trap "exit 0" TERM; sleep 600 & wait'];

export async function activateExtension(): Promise<DockerLessonsApi> {
  const extension = vscode.extensions.getExtension<DockerLessonsApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded in this extension host`);
  return extension.activate();
}

/**
 * Dockerode on the *real* engine socket, not on the extension's DOCKER_HOST: the runner points the extension at a
 * counting relay, and the tests' own traffic must not show up in that count.
 */
export function realEngine(): Docker {
  return new Docker({ socketPath: process.env.DL_E2E_ENGINE_SOCKET || '/var/run/docker.sock' });
}

export function uniqueName(prefix = 'dl-test-ext'): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** Connections the extension made to its DOCKER_HOST relay so far (one JSON line each), or undefined if not relayed. */
export function relayedConnections(): { t: number; request: string }[] | undefined {
  const file = process.env.DL_E2E_RELAY_LOG;
  if (!file) return undefined;
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { t: number; request: string });
}

/** Poll `probe` until it returns a value (not undefined/false) or `timeoutMs` passes. */
export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number,
  what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Create and start a labelled sleeper on the real engine. It is added to `created` before it starts, so the
 *  caller's teardown removes it even when starting fails. */
export async function startTestContainer(docker: Docker, name: string, created: Docker.Container[]): Promise<Docker.Container> {
  // No network: a sleeper needs none, and it keeps the tests independent of the engine's bridge setup.
  const container = await docker.createContainer({ name, Image: TEST_IMAGE, Cmd: SLEEPER_CMD, Labels: TEST_LABEL,
    HostConfig: { NetworkMode: 'none' } });
  created.push(container);
  await container.start();
  return container;
}

export async function removeQuietly(container: Docker.Container | undefined): Promise<void> {
  if (!container) return;
  try {
    await container.remove({ force: true });
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode !== 404) throw err;
  }
}
