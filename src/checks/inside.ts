// Checks that look inside a container: `exec:` (run a command), `file:` (read a file) and `logs:`.
import type Dockerode from 'dockerode';
import type { z } from 'zod';
import { t } from '../i18n';
import type { execCheck, fileCheck, logsCheck } from '../lessons/schema';
import { type Outcome, type Prop, combine, excerpt } from './describe';
import { formatState, noSuchContainerHint } from './container';
import type { Lookup } from './lookup';
import { describeTextMatch, hasTextMatch, matchText, pickTextMatch } from './text';

export type ExecCheck = z.infer<typeof execCheck>;
export type FileCheck = z.infer<typeof fileCheck>;
export type LogsCheck = z.infer<typeof logsCheck>;
type Info = Dockerode.ContainerInspectInfo;

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
  if (!info) return { pass: false, title: titleFor(), expected, actual: t('no such container'), hint: noSuchContainerHint() };
  if (!info.State.Running || info.State.Paused) return notRunning(titleFor(), expected, info, container);
  const result = await lookup.engine.exec(container, execArgv(command), { timeoutMs, user });
  return combine(titleFor, execProps(check.exec, result));
}

/** Pure: judge a file read (content undefined = no such file). */
export function fileOutcome(check: FileCheck['file'], content: string | undefined): Outcome {
  const { container, path, absent } = check;
  const title = t('File {0} in container {1}', path, container);
  if (absent) {
    return {
      pass: content === undefined, title, expected: t('absent'),
      actual: content === undefined ? t('no such file') : t('present'),
      hint: content === undefined ? undefined : t('The file is still there; see what changed with `docker diff {0}`.', container),
    };
  }
  const match = check.content;
  const expected = hasTextMatch(match) ? describeTextMatch(match) : t('exists');
  if (content === undefined) {
    return { pass: false, title, expected, actual: t('no such file'),
      hint: t('Run the step that writes it and check the path; `docker diff {0}` lists the files that changed.', container) };
  }
  if (!hasTextMatch(match)) return { pass: true, title, expected, actual: t('present') };
  return { title, ...matchText(content, match) };
}

export async function evaluateFile(check: FileCheck, lookup: Lookup): Promise<Outcome> {
  const { container, path } = check.file;
  const info = await lookup.container(container);
  if (!info) {
    const shape = fileOutcome(check.file, undefined);
    return { ...shape, pass: false, actual: t('no such container'), hint: noSuchContainerHint() };
  }
  return fileOutcome(check.file, await lookup.engine.readFile(container, path));
}

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
    return { ...shape, pass: false, actual: t('no such container'), hint: noSuchContainerHint() };
  }
  return logsOutcome(check.logs, await lookup.engine.logs(container, { tail }));
}
