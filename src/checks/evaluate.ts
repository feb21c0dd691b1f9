// Evaluate lesson checks against the engine. Every check yields a CheckResult — never an exception: a vanished
// object fails cleanly, an unexpected engine error becomes a failed result carrying the classified message.
// `within` gives an explicit, bounded wait (re-evaluate every 200 ms until pass or deadline); http waits 5 s by default.
import { t } from '../i18n';
import { type Check, type CheckKind, checkKind, durationMs } from '../lessons/schema';
import { evaluateContainer, containerOutcome, type ContainerCheck } from './container';
import type { Outcome } from './describe';
import { evaluateHttp, type HttpCheck } from './http';
import { evaluateImage, imageOutcome, type ImageCheck } from './image';
import { evaluateExec, evaluateFile, evaluateLogs, type ExecCheck, type FileCheck, type LogsCheck } from './inside';
import { Lookup, errorText, isNotFound } from './lookup';
import { evaluateMount, mountOutcome, type MountCheck } from './mount';
import { evaluateNetwork, networkOutcome, type NetworkCheck } from './network';
import { evaluatePort, portOutcome, type PortCheck } from './port';
import { evaluateRegistry, type RegistryCheck } from './registry';
import { exitCodeOutcome, outputOutcome, type ExitCodeCheck, type OutputCheck } from './step';
import { evaluateService, evaluateSwarm, serviceOutcome, type ServiceCheck, type SwarmCheck } from './swarm';
import type { CheckContext, CheckResult } from './types';
import { evaluateVolume, volumeOutcome, type VolumeCheck } from './volume';
import { evaluateWorkspaceFile, type WorkspaceFileCheck } from './workspace';

const RETRY_INTERVAL_MS = 200;
const HTTP_DEFAULT_WITHIN_MS = 5000;
/** Per-attempt limits: an attempt must not eat the whole wait. */
const HTTP_ATTEMPT_MS = 2000;
const EXEC_TIMEOUT_MS = 10_000;

/** Engine reads shared by the checks of one evaluateChecks call; replaced once a check had to wait. */
interface LookupHolder {
  lookup: Lookup;
}

class Cancelled extends Error {}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Cancelled());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function attemptTimeout(deadline: number, perAttempt: number): number {
  return Math.max(250, Math.min(perAttempt, deadline - performance.now()));
}

async function evaluateOnce(check: Check, kind: CheckKind, ctx: CheckContext, lookup: Lookup, deadline: number): Promise<Outcome> {
  switch (kind) {
    case 'container': return evaluateContainer(check as ContainerCheck, lookup);
    case 'image': return evaluateImage(check as ImageCheck, lookup);
    case 'port': return evaluatePort(check as PortCheck, lookup);
    case 'mount': return evaluateMount(check as MountCheck, lookup, ctx.workDir);
    case 'volume': return evaluateVolume(check as VolumeCheck, lookup);
    case 'network': return evaluateNetwork(check as NetworkCheck, lookup);
    case 'exec': return evaluateExec(check as ExecCheck, lookup, EXEC_TIMEOUT_MS);
    case 'file': return evaluateFile(check as FileCheck, lookup);
    case 'logs': return evaluateLogs(check as LogsCheck, lookup);
    case 'http': return evaluateHttp(check as HttpCheck, attemptTimeout(deadline, HTTP_ATTEMPT_MS), ctx.signal);
    case 'output': return outputOutcome(check as OutputCheck, ctx.stepOutput);
    case 'exitCode': return exitCodeOutcome(check as ExitCodeCheck, ctx.stepOutput);
    case 'workspaceFile': return evaluateWorkspaceFile(check as WorkspaceFileCheck, ctx.workDir);
    case 'swarm': return evaluateSwarm(check as SwarmCheck, lookup);
    case 'service': return evaluateService(check as ServiceCheck, lookup);
    case 'registry': return evaluateRegistry(check as RegistryCheck, attemptTimeout(deadline, HTTP_ATTEMPT_MS), ctx.signal);
  }
}

/** Title and expectation of a check whose evaluation failed unexpectedly (as if its object were missing). */
export function describeCheck(check: Check, kind: CheckKind, workDir: string): { title: string; expected: string } {
  const c = check as Record<string, any>;
  try {
    switch (kind) {
      case 'container': return containerOutcome(c as ContainerCheck, undefined);
      case 'image': return imageOutcome(c as ImageCheck, undefined);
      case 'port': return portOutcome(c as PortCheck, undefined);
      case 'mount': return mountOutcome(c as MountCheck, undefined, workDir);
      case 'volume': return volumeOutcome(c as VolumeCheck, undefined);
      case 'network': return networkOutcome(c as NetworkCheck, undefined);
      case 'service': return serviceOutcome(c as ServiceCheck, undefined);
      case 'output': return outputOutcome(c as OutputCheck, undefined);
      case 'exitCode': return exitCodeOutcome(c as ExitCodeCheck, undefined);
      case 'exec': return { title: t('Command `{0}` in container {1}', [c.exec.command].flat().join(' '), c.exec.container), expected: '—' };
      case 'file': return { title: t('File {0} in container {1}', c.file.path, c.file.container), expected: '—' };
      case 'logs': return { title: t('Logs of container {0}', c.logs.container), expected: '—' };
      case 'http': return { title: t('HTTP {0} {1}', c.http.method ?? 'GET', c.http.url), expected: '—' };
      case 'workspaceFile': return { title: t('File {0} in the working folder', c.workspaceFile.path), expected: '—' };
      case 'swarm': return { title: t('Swarm mode of the engine'), expected: String(c.swarm) };
      case 'registry': return { title: t('Repository {0} in the registry at {1}', c.registry.repository, c.registry.url), expected: c.registry.repository };
    }
  } catch {
    // A malformed check must still produce a row.
  }
  return { title: kind, expected: '—' };
}

function errorOutcome(check: Check, kind: CheckKind, ctx: CheckContext, error: unknown): Outcome {
  const { title, expected } = describeCheck(check, kind, ctx.workDir);
  const engineDown = (error as { code?: string })?.code;
  const hint = engineDown === 'unreachable' || engineDown === 'ECONNREFUSED' || engineDown === 'ENOENT'
    ? t('Make sure Docker is running (`docker info`), then check again.')
    : undefined;
  return { pass: false, title, expected, actual: isNotFound(error) ? t('not found') : errorText(error), hint };
}

function toResult(kind: CheckKind, check: Check, ctx: CheckContext, outcome: Outcome, started: number): CheckResult {
  const hint = outcome.pass ? undefined : (check.hint ?? ctx.stepHint ?? outcome.hint);
  return {
    kind, pass: outcome.pass, title: outcome.title, expected: outcome.expected, actual: outcome.actual,
    ...(hint ? { hint } : {}),
    durationMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

async function evaluateWithin(check: Check, ctx: CheckContext, holder: LookupHolder): Promise<CheckResult> {
  const started = performance.now();
  let kind: CheckKind;
  try {
    kind = checkKind(check);
  } catch (error) {
    return { kind: 'output', pass: false, title: '?', expected: '—', actual: errorText(error), durationMs: 0 };
  }
  const waitMs = ctx.noWait ? 0 : check.within !== undefined ? durationMs(check.within, 0) : kind === 'http' ? HTTP_DEFAULT_WITHIN_MS : 0;
  const deadline = started + waitMs;
  const cancelled = (): CheckResult => {
    const { title, expected } = describeCheck(check, kind, ctx.workDir);
    return toResult(kind, check, ctx, { pass: false, title, expected, actual: t('cancelled') }, started);
  };
  let lookup = holder.lookup;
  for (;;) {
    if (ctx.signal?.aborted) return cancelled();
    let outcome: Outcome;
    try {
      outcome = await evaluateOnce(check, kind, ctx, lookup, deadline);
    } catch (error) {
      if (ctx.signal?.aborted) return cancelled();
      outcome = errorOutcome(check, kind, ctx, error);
    }
    const remaining = deadline - performance.now();
    // The step's own output cannot change while we wait.
    const settled = outcome.final || kind === 'output' || kind === 'exitCode';
    if (outcome.pass || settled || remaining <= 0) return toResult(kind, check, ctx, outcome, started);
    try {
      await sleep(Math.min(RETRY_INTERVAL_MS, remaining), ctx.signal);
    } catch {
      return cancelled();
    }
    // Fresh reads for the next attempt; later checks in the call also see the newer state.
    lookup = new Lookup(ctx.engine);
    holder.lookup = lookup;
  }
}

/** Evaluate one check (with its own `within` wait). */
export function evaluateCheck(check: Check, ctx: CheckContext): Promise<CheckResult> {
  return evaluateWithin(check, ctx, { lookup: new Lookup(ctx.engine) });
}

/**
 * Evaluate a step's checks in order (a later check may rely on an earlier one's wait, e.g. logs after http),
 * sharing one inspect per object between them.
 */
export async function evaluateChecks(checks: readonly Check[], ctx: CheckContext): Promise<CheckResult[]> {
  const holder: LookupHolder = { lookup: new Lookup(ctx.engine) };
  const results: CheckResult[] = [];
  for (const check of checks) results.push(await evaluateWithin(check, ctx, holder));
  return results;
}
