// `output:` and `exitCode:` checks judge the step's own result, which only exists once the step ran in this session.
import type { z } from 'zod';
import { t } from '../i18n';
import type { exitCodeCheck, outputCheck } from '../lessons/schema';
import { type Outcome, excerpt } from './describe';
import { describeTextMatch, hasTextMatch, matchText, pickTextMatch, stripAnsi } from './text';
import type { StepOutput } from './types';

export type OutputCheck = z.infer<typeof outputCheck>;
export type ExitCodeCheck = z.infer<typeof exitCodeCheck>;

function notRun(title: string, expected: string): Outcome {
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
