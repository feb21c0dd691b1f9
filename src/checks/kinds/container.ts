// `container:` checks over GET /containers/{name}/json.
import * as z from 'zod';
import type { ContainerDetails } from '../../engine/types';
import { t } from '../../i18n';
import {
  type Outcome, combine, envRecord, formatBool, formatBytes, formatJson, formatRecord, normalizeImageRef, recordProp, shortId,
} from '../describe';
import type { Lookup } from '../lookup';
import { type PropSpec, judgeAll, missingOutcome, same, spec, verdictOf } from '../props';
import { common, defineKind, missing, nonEmpty, numberish } from './common';

export const containerCheck = z.object({
  container: nonEmpty,
  state: z.enum(['running', 'exited', 'paused', 'created', 'restarting', 'absent', 'exists']).optional(),
  exitCode: numberish.optional(),
  /** Image the container was created from, as the user typed it (Config.Image). */
  image: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  restartPolicy: z.object({ name: z.enum(['no', 'always', 'unless-stopped', 'on-failure']), maxRetries: numberish.optional() }).strict().optional(),
  /** RestartCount at least this. */
  minRestarts: numberish.optional(),
  health: z.enum(['starting', 'healthy', 'unhealthy', 'none']).optional(),
  tty: z.boolean().optional(),
  openStdin: z.boolean().optional(),
  env: z.record(z.string(), z.string()).optional(),
  cmd: z.array(z.string()).optional(),
  hostname: z.string().optional(),
  /** HostConfig limits (bytes / NanoCpus / shares). */
  memory: numberish.optional(),
  nanoCpus: numberish.optional(),
  cpuShares: numberish.optional(),
  readOnlyRootfs: z.boolean().optional(),
  networkMode: z.string().optional(),
  /** Name of the container whose state this one must match (same id), e.g. after rename. */
  sameIdAs: z.string().optional(),
  ...common,
}).strict();

export type ContainerCheck = z.infer<typeof containerCheck>;
type Info = ContainerDetails;

/** docker's own words for a state, with the exit code of a stopped container: "exited (137)". */
export function formatState(info: Info): string {
  const state = info.State;
  if (state.Status === 'exited' || state.Status === 'dead') return `${state.Status} (${state.ExitCode})`;
  return state.Status;
}

export function noSuchContainerHint(): string {
  return t('Run the step first, or check the name with `docker ps -a`.');
}

/**
 * A check on what a container does (port, logs, exec, file, mount, a page it serves) while the container does not
 * exist: it fails at once, naming the container. (A `container:` check itself may wait for it to appear.)
 */
export function noSuchContainer(title: string, expected: string, name: string): Outcome {
  return { ...missing({ pass: false, title, expected, actual: t('container {0} does not exist', name), hint: noSuchContainerHint() }, 'container', name), final: true };
}

function stateHint(expected: string, info: Info, name: string): string | undefined {
  const status = info.State.Status;
  if (expected === 'running' && (status === 'exited' || status === 'dead')) {
    return t('The container stopped with exit code {0}; see why with `docker logs {1}`.', String(info.State.ExitCode), name);
  }
  if (expected === 'running' && status === 'created') return t('The container was created but never started: `docker start {0}`.', name);
  if (expected === 'running' && status === 'paused') return t('The container is paused: `docker unpause {0}`.', name);
  if (expected === 'exited' && status === 'running') return t('The container is still running: stop it with `docker stop {0}`.', name);
  return undefined;
}

/** NetworkMode "default" is the bridge network under another name. */
function networkModeName(mode: string | undefined): string {
  return !mode || mode === 'default' ? 'bridge' : mode;
}

function restartPolicyText(name: string, maxRetries?: number): string {
  return name === 'on-failure' && maxRetries ? `on-failure:${maxRetries}` : name;
}

function cpusText(nanoCpus: number): string {
  return nanoCpus ? `${nanoCpus} (${nanoCpus / 1e9} CPUs)` : String(nanoCpus);
}

/** The property specs of a container check (besides presence), in schema order. */
function containerSpecs(check: ContainerCheck, other: Info | undefined): PropSpec<Info>[] {
  const name = check.container;
  const specs: PropSpec<Info>[] = [];
  if (check.state && check.state !== 'absent') {
    const wanted = check.state;
    specs.push(spec(t('state'), wanted === 'exists' ? t('exists') : wanted, (info) => {
      const pass = wanted === 'exists' || info.State.Status === wanted;
      return { pass, actual: formatState(info), hint: stateHint(wanted, info, name) };
    }));
  }
  if (check.exitCode !== undefined) {
    const wanted = check.exitCode;
    specs.push(spec(t('exit code'), String(wanted), (info) => {
      if (info.State.Running || info.State.Status === 'created') {
        return { pass: false, actual: t('{0} (no exit code yet)', info.State.Status), hint: t('Wait for the container to finish, or check it with `docker ps -a`.') };
      }
      return same(String(wanted), String(info.State.ExitCode));
    }));
  }
  if (check.image !== undefined) {
    const wanted = check.image;
    specs.push(spec(t('image'), wanted, (info) => ({
      pass: normalizeImageRef(info.Config.Image) === normalizeImageRef(wanted),
      actual: info.Config.Image,
    })));
  }
  if (check.labels) {
    const labels = check.labels;
    specs.push(spec(t('labels'), formatRecord(labels), (info) => verdictOf(recordProp('', labels, info.Config.Labels ?? {}))));
  }
  if (check.restartPolicy) {
    const wanted = check.restartPolicy;
    const expected = restartPolicyText(wanted.name, wanted.maxRetries);
    specs.push(spec(t('restart policy'), expected, (info) => {
      const policy = info.HostConfig.RestartPolicy;
      const actualName = policy?.Name || 'no';
      const actual = restartPolicyText(actualName, policy?.MaximumRetryCount);
      const pass = actualName === wanted.name && (wanted.maxRetries === undefined || policy?.MaximumRetryCount === wanted.maxRetries);
      return { pass, actual };
    }));
  }
  if (check.minRestarts !== undefined) {
    const wanted = check.minRestarts;
    specs.push(spec(t('restart count'), t('at least {0}', String(wanted)), (info) => ({
      pass: (info.RestartCount ?? 0) >= wanted,
      actual: String(info.RestartCount ?? 0),
    })));
  }
  if (check.health) {
    const wanted = check.health;
    specs.push(spec(t('health'), wanted, (info) => {
      const actual = info.State.Health?.Status ?? 'none';
      const hint = actual === 'none' ? t('The container has no health check: add HEALTHCHECK to the image or --health-cmd to `docker run`.') : undefined;
      return { pass: actual === wanted, actual, hint };
    }));
  }
  if (check.tty !== undefined) {
    const wanted = check.tty;
    specs.push(spec(t('TTY (-t)'), formatBool(wanted), (info) => same(formatBool(wanted), formatBool(info.Config.Tty))));
  }
  if (check.openStdin !== undefined) {
    const wanted = check.openStdin;
    specs.push(spec(t('open stdin (-i)'), formatBool(wanted), (info) => same(formatBool(wanted), formatBool(info.Config.OpenStdin))));
  }
  if (check.env) {
    const env = check.env;
    specs.push(spec(t('environment'), formatRecord(env), (info) => verdictOf(recordProp('', env, envRecord(info.Config.Env)))));
  }
  if (check.cmd) {
    const expected = formatJson(check.cmd);
    specs.push(spec(t('command'), expected, (info) => same(expected, formatJson(info.Config.Cmd ?? null))));
  }
  if (check.hostname !== undefined) {
    const wanted = check.hostname;
    specs.push(spec(t('hostname'), wanted, (info) => same(wanted, info.Config.Hostname)));
  }
  if (check.memory !== undefined) {
    const expected = formatBytes(check.memory);
    specs.push(spec(t('memory limit'), expected, (info) => same(expected, formatBytes(info.HostConfig.Memory ?? 0))));
  }
  if (check.nanoCpus !== undefined) {
    const expected = cpusText(check.nanoCpus);
    specs.push(spec(t('CPU limit'), expected, (info) => same(expected, cpusText(info.HostConfig.NanoCpus ?? 0))));
  }
  if (check.cpuShares !== undefined) {
    const wanted = check.cpuShares;
    // 0 means "not set", which the kernel treats as the default weight 1024.
    specs.push(spec(t('CPU shares'), String(wanted), (info) => {
      const actual = info.HostConfig.CpuShares ?? 0;
      return { pass: actual === wanted || (wanted === 1024 && actual === 0), actual: String(actual) };
    }));
  }
  if (check.readOnlyRootfs !== undefined) {
    const expected = formatBool(check.readOnlyRootfs);
    specs.push(spec(t('read-only root filesystem'), expected, (info) => same(expected, formatBool(info.HostConfig.ReadonlyRootfs))));
  }
  if (check.networkMode !== undefined) {
    const wanted = networkModeName(check.networkMode);
    specs.push(spec(t('network mode'), wanted, (info) => same(wanted, networkModeName(info.HostConfig.NetworkMode))));
  }
  if (check.sameIdAs !== undefined) {
    const otherName = check.sameIdAs;
    specs.push(spec(t('identity'), t('the same container as {0}', otherName), (info) => {
      if (!other) return { pass: false, actual: t('container {0} does not exist', otherName) };
      if (other.Id === info.Id) return { pass: true, actual: t('the same container ({0})', shortId(info.Id)) };
      return { pass: false, actual: t('a different container ({0}; {1} is {2})', shortId(info.Id), otherName, shortId(other.Id)) };
    }));
  }
  return specs;
}

/** Pure: judge a check against the inspect JSON (undefined = no such container) and, for sameIdAs, the other's. */
export function containerOutcome(check: ContainerCheck, info: Info | undefined, other?: Info): Outcome {
  const name = check.container;
  const titleFor = (labels: string) => t('{0} of container {1}', labels, name);
  if (check.state === 'absent') {
    const absentSpec = spec<Info | undefined>(t('state'), t('absent'), (found) => found
      ? { pass: false, actual: formatState(found), hint: t('Remove it with `docker rm -f {0}`.', name) }
      : { pass: true, actual: t('no such container') });
    return combine(titleFor, judgeAll([absentSpec], info));
  }
  let specs = containerSpecs(check, other);
  if (specs.length === 0) specs = containerSpecs({ ...check, state: 'exists' }, other);
  if (!info) return missing(missingOutcome(titleFor, specs, t('no such container'), noSuchContainerHint()), 'container', name);
  return combine(titleFor, judgeAll(specs, info));
}

export async function evaluateContainer(check: ContainerCheck, lookup: Lookup): Promise<Outcome> {
  const [info, other] = await Promise.all([
    lookup.container(check.container),
    check.sameIdAs ? lookup.container(check.sameIdAs) : Promise.resolve(undefined),
  ]);
  return containerOutcome(check, info, other);
}

export const containerKind = defineKind({
  key: 'container',
  schema: containerCheck,
  evaluate: (check, { lookup }) => evaluateContainer(check, lookup),
  describe: (check) => containerOutcome(check, undefined),
});
