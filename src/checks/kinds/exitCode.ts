// `exitCode:` checks judge the step's own exit code, which only exists once the step ran in this session.
import * as z from 'zod';
import { t } from '../../i18n';
import { type Outcome, excerpt } from '../describe';
import type { StepOutput } from '../types';
import { common, defineKind, numberish } from './common';
import { notRun } from './output';

export const exitCodeCheck = z.object({
  exitCode: z.union([numberish, z.object({ not: numberish }).strict()]),
  ...common,
}).strict();

export type ExitCodeCheck = z.infer<typeof exitCodeCheck>;

export function exitCodeOutcome(check: ExitCodeCheck, step: StepOutput | undefined): Outcome {
  const wanted = check.exitCode;
  const title = t('Exit code of the step');
  const expected = typeof wanted === 'number' ? String(wanted) : t('not {0}', String(wanted.not));
  if (!step) return notRun(title, expected);
  if (step.exitCode === null) return { pass: false, title, expected, actual: t('none (the command was stopped)') };
  const pass = typeof wanted === 'number' ? step.exitCode === wanted : step.exitCode !== wanted.not;
  const said = step.stderr.trim();
  const actual = pass || !said || step.exitCode === 0 ? String(step.exitCode) : `${step.exitCode} — ${excerpt(said, 120)}`;
  return { pass, title, expected, actual };
}

export const exitCodeKind = defineKind({
  key: 'exitCode',
  schema: exitCodeCheck,
  judgesStep: true,
  evaluate: (check, { ctx }) => exitCodeOutcome(check, ctx.stepOutput),
  describe: (check) => exitCodeOutcome(check, undefined),
});
