// `swarm:` checks: the engine's swarm mode (GET /info, Swarm.LocalNodeState).
import * as z from 'zod';
import { t } from '../../i18n';
import type { Outcome } from '../describe';
import type { Lookup } from '../lookup';
import { common, defineKind } from './common';

/** Swarm mode of the engine (single-node swarm lessons). */
export const swarmCheck = z.object({
  swarm: z.enum(['active', 'inactive']),
  ...common,
}).strict();

export type SwarmCheck = z.infer<typeof swarmCheck>;

export function swarmOffHint(): string {
  return t('Swarm mode is off: turn this engine into a single-node swarm with `docker swarm init`, then check again.');
}

/** Pure: judge the node's swarm state ("inactive", "active", "pending", "locked", "error"). */
export function swarmOutcome(check: SwarmCheck, localNodeState: string | undefined): Outcome {
  const actual = localNodeState || 'inactive';
  const pass = actual === check.swarm;
  const hint = check.swarm === 'active'
    ? swarmOffHint()
    : t('This engine is still in swarm mode: leave it with `docker swarm leave --force`.');
  return { pass, title: t('Swarm mode of the engine'), expected: check.swarm, actual, hint: pass ? undefined : hint };
}

export async function evaluateSwarm(check: SwarmCheck, lookup: Lookup): Promise<Outcome> {
  const info = await lookup.info();
  return swarmOutcome(check, info.swarm);
}

export const swarmKind = defineKind({
  key: 'swarm',
  schema: swarmCheck,
  evaluate: (check, { lookup }) => evaluateSwarm(check, lookup),
  describe: (check) => ({ title: t('Swarm mode of the engine'), expected: String(check.swarm) }),
});
