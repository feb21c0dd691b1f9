// `output:` checks judge the step's own output, which only exists once the step ran in this session.
import * as z from 'zod';
import { t } from '../../i18n';
import { type Outcome, excerpt } from '../describe';
import { describeTextMatch, hasTextMatch, matchText, pickTextMatch, stripAnsi } from '../text';
import type { StepOutput } from '../types';
import { common, defineKind, textMatch } from './common';

/** The step's own result: its stdout (+stderr with `stream: both`) and exit code. */
export const outputCheck = z.object({
  output: z.object({ stream: z.enum(['stdout', 'stderr', 'both']).optional() }).extend(textMatch.shape).strict(),
  ...common,
}).strict();

export type OutputCheck = z.infer<typeof outputCheck>;

/** The step was not run in this session: its output and exit code are unknown, and waiting will not bring them. */
export function notRun(title: string, expected: string): Outcome {
  return { pass: false, title, expected, actual: t('this step has not been run in this session: run it first'), final: true };
}

export function outputOutcome(check: OutputCheck, step: StepOutput | undefined): Outcome {
  const stream = check.output.stream ?? 'stdout';
  const title = stream === 'stdout' ? t('Output of the step') : stream === 'stderr' ? t('Error output of the step') : t('Output and error output of the step');
  const match = pickTextMatch(check.output);
  const expected = hasTextMatch(match) ? describeTextMatch(match) : t('some output');
  if (!step) return notRun(title, expected);
  const raw = stream === 'stdout' ? step.stdout : stream === 'stderr' ? step.stderr : `${step.stdout}\n${step.stderr}`;
  // Match what the learner reads, not the colours: the legacy builder wraps a RUN's stderr in ANSI escapes.
  const text = stripAnsi(raw);
  if (!hasTextMatch(match)) return { pass: text.trim().length > 0, title, expected, actual: excerpt(text) };
  return { title, ...matchText(text, match) };
}

export const outputKind = defineKind({
  key: 'output',
  schema: outputCheck,
  judgesStep: true,
  evaluate: (check, { ctx }) => outputOutcome(check, ctx.stepOutput),
  describe: (check) => outputOutcome(check, undefined),
});
