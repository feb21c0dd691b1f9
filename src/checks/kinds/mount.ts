// `mount:` checks over the container's Mounts (and HostConfig.Tmpfs for `--tmpfs`, which Mounts does not list).
import * as path from 'path';
import * as z from 'zod';
import type { ContainerDetails } from '../../engine/types';
import { t } from '../../i18n';
import { type Outcome, combine, formatBool, joinItems } from '../describe';
import type { Lookup } from '../lookup';
import { type PropSpec, judgeAll, missingOutcome, spec } from '../props';
import { common, defineKind, missing, nonEmpty } from './common';
import { noSuchContainerHint } from './container';

export const mountCheck = z.object({
  mount: z.object({
    container: nonEmpty,
    destination: nonEmpty,
    type: z.enum(['volume', 'bind', 'tmpfs']).optional(),
    /** Volume name (type volume) or host path (type bind). */
    source: z.string().optional(),
    readOnly: z.boolean().optional(),
  }).strict(),
  ...common,
}).strict();

export type MountCheck = z.infer<typeof mountCheck>;
type Info = ContainerDetails;

export interface FoundMount {
  type: string;
  /** Volume name for volumes, host path for binds, "" for tmpfs. */
  source: string;
  readOnly: boolean;
}

function trimSlash(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

export function findMount(info: Info, destination: string): FoundMount | undefined {
  const wanted = trimSlash(destination);
  const mount = (info.Mounts ?? []).find((m) => trimSlash(m.Destination) === wanted);
  if (mount) {
    const source = mount.Type === 'volume' ? (mount.Name ?? '') : mount.Source;
    return { type: mount.Type, source, readOnly: !mount.RW };
  }
  const tmpfs = info.HostConfig.Tmpfs ?? {};
  const options = Object.entries(tmpfs).find(([dest]) => trimSlash(dest) === wanted)?.[1];
  if (options !== undefined) return { type: 'tmpfs', source: '', readOnly: options.split(',').includes('ro') };
  return undefined;
}

function describeMount(found: FoundMount): string {
  const from = found.source ? `${found.type} ${found.source}` : found.type;
  return found.readOnly ? `${from} (ro)` : from;
}

/** Pure: judge a mount check; bind sources written relative are taken relative to the lesson's working folder. */
export function mountOutcome(check: MountCheck, info: Info | undefined, workDir: string): Outcome {
  const { container, destination, type, source, readOnly } = check.mount;
  const titleFor = (labels: string) => t('{0} of the mount at {1} in container {2}', labels, destination, container);
  const specs: PropSpec<FoundMount>[] = [];
  if (type) specs.push(spec(t('type'), type, (m) => ({ pass: m.type === type, actual: m.type })));
  if (source !== undefined) {
    const isPath = source.includes('/') || type === 'bind';
    const wanted = isPath ? trimSlash(path.resolve(workDir, source)) : source;
    specs.push(spec(t('source'), wanted, (m) => ({ pass: (isPath ? trimSlash(m.source) : m.source) === wanted, actual: m.source || t('(none)') })));
  }
  if (readOnly !== undefined) {
    specs.push(spec(t('read-only'), formatBool(readOnly), (m) => ({
      pass: m.readOnly === readOnly,
      actual: formatBool(m.readOnly),
      hint: readOnly ? t('Add `:ro` to -v (or `readonly` to --mount) when you create the container.') : undefined,
    })));
  }
  if (specs.length === 0) specs.push(spec(t('presence'), t('mounted'), (m) => ({ pass: true, actual: describeMount(m) })));
  if (!info) return { ...missing(missingOutcome(titleFor, specs, t('container {0} does not exist', container), noSuchContainerHint()), 'container', container), final: true };
  const found = findMount(info, destination);
  if (!found) {
    const others = (info.Mounts ?? []).map((m) => m.Destination);
    const actual = others.length ? t('nothing mounted at {0} (mounts: {1})', destination, joinItems(others)) : t('nothing mounted at {0}', destination);
    return missingOutcome(titleFor, specs, actual,
      t('Mount it with -v or --mount when you create the container; mounts cannot be added to an existing container.'));
  }
  return combine(titleFor, judgeAll(specs, found));
}

export async function evaluateMount(check: MountCheck, lookup: Lookup, workDir: string): Promise<Outcome> {
  return mountOutcome(check, await lookup.container(check.mount.container), workDir);
}

export const mountKind = defineKind({
  key: 'mount',
  schema: mountCheck,
  evaluate: (check, { lookup, ctx }) => evaluateMount(check, lookup, ctx.workDir),
  describe: (check, workDir) => mountOutcome(check, undefined, workDir),
});
