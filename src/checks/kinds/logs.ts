// `logs:` checks: a container's logs (stdout and stderr), optionally only the tail.
import * as z from 'zod';
import { t } from '../../i18n';
import { type Outcome, excerpt } from '../describe';
import type { Lookup } from '../lookup';
import { hasTextMatch, matchText, pickTextMatch } from '../text';
import { common, defineKind, nonEmpty, numberish, textMatch } from './common';
import { noSuchContainer } from './container';

export const logsCheck = z.object({
  logs: z.object({ container: nonEmpty, tail: numberish.optional() }).extend(textMatch.shape).strict(),
  ...common,
}).strict();

export type LogsCheck = z.infer<typeof logsCheck>;

/** Pure: judge a container's logs. Without a TextMatch, any output passes. */
export function logsOutcome(check: LogsCheck['logs'], logs: string): Outcome {
  const title = t('Logs of container {0}', check.container);
  const match = pickTextMatch(check);
  const hint = t('See the whole log with `docker logs {0}`.', check.container);
  if (!hasTextMatch(match)) {
    const pass = logs.trim().length > 0;
    return { pass, title, expected: t('some output'), actual: excerpt(logs), hint: pass ? undefined : hint };
  }
  const result = matchText(logs, match);
  return { title, ...result, hint: result.pass ? undefined : hint };
}

export async function evaluateLogs(check: LogsCheck, lookup: Lookup): Promise<Outcome> {
  const { container, tail } = check.logs;
  const info = await lookup.container(container);
  if (!info) {
    const shape = logsOutcome(check.logs, '');
    return noSuchContainer(shape.title, shape.expected, container);
  }
  return logsOutcome(check.logs, await lookup.engine.logs(container, { tail }));
}

export const logsKind = defineKind({
  key: 'logs',
  schema: logsCheck,
  evaluate: (check, { lookup }) => evaluateLogs(check, lookup),
  describe: (check) => ({ title: t('Logs of container {0}', check.logs.container), expected: '—' }),
});
