// `docker-lessons lint`: the parser's diagnostics plus advice a valid lesson can still need (step kinds that do not
// match what the command does, hard-coded ports that collide on shared CI hosts).
import { promises as fs } from 'fs';
import { t } from '../i18n';
import { analyzeFiles, duplicateDiagnostics, lessonFiles } from './catalog';
import { analyzeLesson, type LessonAnalysis } from './parse';
import type { Diagnostic } from './schema';

export function formatDiagnostic(d: Diagnostic): string {
  // The severity word stays English: editors' problem matchers and CI annotations parse it.
  return `${d.file}:${d.line}:${d.column ?? 1}: ${d.severity}: ${d.message}`;
}

/** Lint one lesson's text (no file access). */
export function lintText(text: string, file: string): Diagnostic[] {
  return lintAnalysis(analyzeLesson(text, file, { checks: 'now' }), file);
}

/** Lint a lesson already analysed (the parser's diagnostics plus the advice). */
export function lintAnalysis(analysis: LessonAnalysis, file: string): Diagnostic[] {
  return sortDiagnostics([...analysis.diagnostics, ...adviceFor(analysis, file)]);
}

/** Lint lesson files and folders of lessons (README.md / SOURCES.md skipped), including duplicate ids and orders. */
export async function lintFiles(paths: readonly string[]): Promise<Diagnostic[]> {
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const given of paths) {
    try {
      const stat = await fs.stat(given);
      files.push(...(stat.isDirectory() ? await lessonFiles(given) : [given]));
    } catch (error) {
      diagnostics.push({ file: given, line: 1, severity: 'error', message: t('cannot read {0}: {1}', given, (error as Error).message) });
    }
  }
  const { analyzed, diagnostics: parsed } = await analyzeFiles([...new Set(files)], { checks: 'now' });
  diagnostics.push(...parsed, ...duplicateDiagnostics(analyzed));
  for (const { file, analysis } of analyzed) diagnostics.push(...adviceFor(analysis, file));
  return sortDiagnostics(diagnostics);
}

function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.column ?? 0) - (b.column ?? 0)));
}

// ---------------------------------------------------------------------------------------------------------------

/** Shell words of a command line, roughly: enough to see docker's flags, not a shell parser. */
function words(line: string): string[] {
  return line.split(/\s+/).filter(Boolean);
}

/** `docker run -it …`, `docker exec -ti …`, `docker attach …`: the command wants a terminal. */
export function needsTerminal(command: string): boolean {
  for (const segment of command.split(/\n|&&|\|\||;|\|/)) {
    const argv = words(segment);
    const docker = argv.indexOf('docker');
    if (docker < 0) continue;
    let rest = argv.slice(docker + 1);
    if (rest[0] === 'container') rest = rest.slice(1);
    const sub = rest[0];
    if (sub === 'attach') return true;
    if (sub !== 'run' && sub !== 'exec' && sub !== 'start') continue;
    const flags = new Set<string>();
    for (const arg of rest.slice(1)) {
      if (arg === '--interactive') flags.add('i');
      else if (arg === '--tty') flags.add('t');
      else if (arg === '--detach') flags.add('d');
      else if (arg === '--attach') flags.add('a');
      else if (/^-[a-zA-Z]+$/.test(arg)) for (const ch of arg.slice(1)) flags.add(ch);
    }
    if (sub === 'start' && flags.has('a') && flags.has('i')) return true;
    if (flags.has('i') && flags.has('t') && !flags.has('d')) return true;
  }
  return false;
}

/** `docker … prune`, `rm -f $(…)`: removes more than the step itself created. */
export function removesBroadly(command: string): boolean {
  return /\bdocker\b[^\n;&|]*\bprune\b/.test(command) || /\brmi?\s+(?:-[a-zA-Z]*f[a-zA-Z]*|--force)\s+[^\n]*\$\(/.test(command);
}

function adviceFor(analysis: LessonAnalysis, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const declared = analysis.meta ? new Set(Object.keys(analysis.meta.vars)) : undefined;
  for (const { step, rawChecks } of analysis.steps) {
    const name = step.id || '?';
    const runs = step.kind !== 'explain' && step.kind !== 'edit' && step.kind !== 'challenge';
    if (step.kind === 'challenge' && !rawChecks.some((item) => item.kind === 'hint')) {
      out.push({ file, line: step.checksLine ?? step.line, severity: 'warning', message: t('challenge \'{0}\' has no hints: add "- hint: …" items to its check block, from a gentle nudge to the decisive detail (shown one at a time)', name) });
    }
    if (step.kind === 'challenge' && (needsTerminal(step.body) || needsTerminal(step.setup ?? ''))) {
      out.push({ file, line: step.line, severity: 'warning', message: t('challenge \'{0}\': its reference solution or setup needs a terminal (docker run -it / attach), but they run without one', name) });
    }
    if (runs && step.kind !== 'interactive' && needsTerminal(step.body)) {
      out.push({ file, line: step.line, severity: 'warning', message: t('step \'{0}\' runs an interactive command (docker run -it / attach) but is not kind=interactive: add kind=interactive and a ```text input``` block', name) });
    }
    if (runs && step.kind !== 'destructive' && removesBroadly(step.body)) {
      out.push({ file, line: step.line, severity: 'warning', message: t('step \'{0}\' removes objects broadly (prune / rm -f $(…)) but is not kind=destructive: add kind=destructive so the learner is asked first', name) });
    }
    for (const item of rawChecks) {
      if (item.kind !== 'http') continue;
      const http = item.value.http as { url?: unknown } | undefined;
      if (typeof http?.url !== 'string') continue;
      const port = /^[a-z]+:\/\/(?:\[[^\]]*\]|[^/:?#]*)(?::([^/?#]*))?/i.exec(http.url)?.[1];
      const variable = port === undefined ? undefined : /^\{\{\s*([A-Za-z_]\w*)\s*\}\}$/.exec(port)?.[1];
      if (variable !== undefined && (!declared || declared.has(variable))) continue;
      out.push({ file, line: item.line, severity: 'warning', message: t('http check on a hard-coded port ({0}): use a declared port variable such as {1} so parallel runs do not collide', port ?? '80', '{{port}}') });
    }
  }
  return out;
}
