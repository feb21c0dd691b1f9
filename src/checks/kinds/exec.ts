// `exec:` checks: run a command in a running container (no TTY) and judge its exit code and output.
import * as z from 'zod';
import type { ContainerDetails } from '../../engine/types';
import { t } from '../../i18n';
import { type Outcome, type Prop, combine, excerpt } from '../describe';
import type { Lookup } from '../lookup';
import { matchText } from '../text';
import { common, defineKind, nonEmpty, numberish, textMatch } from './common';
import { formatState, noSuchContainer } from './container';

export const execCheck = z.object({
  exec: z.object({
    container: nonEmpty,
    /** argv, or a string run with `sh -c`. */
    command: z.union([nonEmpty, z.array(z.string()).min(1)]),
    exitCode: numberish.optional(),
    stdout: textMatch.optional(),
    stderr: textMatch.optional(),
    user: z.string().optional(),
  }).strict(),
  ...common,
}).strict();

export type ExecCheck = z.infer<typeof execCheck>;
type Info = ContainerDetails;

/** A command gets this long per attempt. */
const EXEC_TIMEOUT_MS = 10_000;

/** A string command runs through `sh -c`, like a line typed into the container's shell. */
export function execArgv(command: string | string[]): string[] {
  return Array.isArray(command) ? command : ['sh', '-c', command];
}

function commandText(command: string | string[]): string {
  return Array.isArray(command) ? command.join(' ') : command;
}

function notRunning(title: string, expected: string, info: Info, container: string): Outcome {
  return {
    pass: false, title, expected,
    actual: t('the container is {0}, not running', formatState(info)),
    hint: t('Start it with `docker start {0}`: commands run only in a running container.', container),
  };
}

/** Pure: judge an exec result. The exit code must be 0 unless the check names another one or only tests output. */
export function execProps(check: ExecCheck['exec'], result: { exitCode: number; stdout: string; stderr: string }): Prop[] {
  const props: Prop[] = [];
  const wantedExit = check.exitCode ?? (check.stdout || check.stderr ? undefined : 0);
  if (wantedExit !== undefined) {
    const pass = result.exitCode === wantedExit;
    const said = result.stderr.trim() || result.stdout.trim();
    props.push({
      label: t('exit code'), expected: String(wantedExit), pass,
      actual: pass || !said ? String(result.exitCode) : `${result.exitCode} — ${excerpt(said, 120)}`,
    });
  }
  if (check.stdout) props.push({ label: 'stdout', ...matchText(result.stdout, check.stdout) });
  if (check.stderr) props.push({ label: 'stderr', ...matchText(result.stderr, check.stderr) });
  return props;
}

export async function evaluateExec(check: ExecCheck, lookup: Lookup, timeoutMs: number): Promise<Outcome> {
  const { container, command, user } = check.exec;
  const titleFor = () => t('Command `{0}` in container {1}', commandText(command), container);
  const info = await lookup.container(container);
  const expectedProps = execProps(check.exec, { exitCode: check.exec.exitCode ?? 0, stdout: '', stderr: '' });
  const expected = combine(titleFor, expectedProps).expected;
  if (!info) return noSuchContainer(titleFor(), expected, container);
  if (!info.State.Running || info.State.Paused) return notRunning(titleFor(), expected, info, container);
  const result = await lookup.engine.exec(container, execArgv(command), { timeoutMs, user });
  return combine(titleFor, execProps(check.exec, result));
}

export const execKind = defineKind({
  key: 'exec',
  schema: execCheck,
  evaluate: (check, { lookup }) => evaluateExec(check, lookup, EXEC_TIMEOUT_MS),
  describe: (check) => ({ title: t('Command `{0}` in container {1}', commandText(check.exec.command), check.exec.container), expected: '—' }),
});
