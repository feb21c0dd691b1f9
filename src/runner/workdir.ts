// The lesson's working folder on the host: `<workRoot>/<lessonId>`. Shipped files (lessons/<id>/) are copied in
// first, so Dockerfile chapters build from them; edit steps write the learner's file here.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Lesson } from '../lessons/schema';

/** `DOCKER_LESSONS_STATE_DIR`, else `$XDG_STATE_HOME/docker-lessons`, else `~/.local/state/docker-lessons`. */
export function stateDir(env: NodeJS.ProcessEnv = process.env, homeDir = os.homedir()): string {
  if (env.DOCKER_LESSONS_STATE_DIR) return env.DOCKER_LESSONS_STATE_DIR;
  const xdg = env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : path.join(homeDir, '.local', 'state');
  return path.join(xdg, 'docker-lessons');
}

/** Where the CLI keeps working folders unless `DOCKER_LESSONS_WORK_DIR` names another place. */
export function defaultWorkRoot(env: NodeJS.ProcessEnv = process.env, homeDir = os.homedir()): string {
  return env.DOCKER_LESSONS_WORK_DIR || path.join(stateDir(env, homeDir), 'work');
}

export function lessonWorkDir(workRoot: string, lessonId: string): string {
  return path.join(workRoot, lessonId);
}

/** Create the working folder and copy in the lesson's shipped files, never replacing a file already there. */
export function prepareWorkDir(lesson: Lesson, workRoot: string): string {
  const dir = lessonWorkDir(workRoot, lesson.meta.id);
  fs.mkdirSync(dir, { recursive: true });
  if (fs.existsSync(lesson.assetsDir) && fs.statSync(lesson.assetsDir).isDirectory()) {
    fs.cpSync(lesson.assetsDir, dir, { recursive: true, force: false, errorOnExist: false });
  }
  return dir;
}

/** Resolve `relative` inside `dir`, refusing paths that climb out of it. */
export function insideDir(dir: string, relative: string): string | undefined {
  const target = path.resolve(dir, relative);
  const rel = path.relative(dir, target);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? target : undefined;
}

export type EditWriteResult = 'written' | 'unchanged' | 'kept-learner-file';

/**
 * Write an edit step's file. A file that differs from everything we could have put there (the step's template, its
 * solution, the shipped copy) is the learner's own work: it is kept unless `force`.
 */
export function writeEditFile(
  file: string, content: string, knownVersions: readonly string[], force: boolean,
): EditWriteResult {
  if (fs.existsSync(file)) {
    const existing = fs.readFileSync(file, 'utf8');
    if (existing === content) return 'unchanged';
    const ours = knownVersions.some((version) => normalizeNewline(version) === normalizeNewline(existing));
    if (!ours && !force) return 'kept-learner-file';
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return 'written';
}

function normalizeNewline(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(/\n+$/, '');
}

/** The lesson's shipped files (lessons/<id>/…), as paths relative to it. */
export function shippedFiles(lesson: Pick<Lesson, 'assetsDir'>): string[] {
  if (!fs.existsSync(lesson.assetsDir) || !fs.statSync(lesson.assetsDir).isDirectory()) return [];
  return fs.readdirSync(lesson.assetsDir, { recursive: true, encoding: 'utf8' })
    .filter((relative) => fs.statSync(path.join(lesson.assetsDir, relative)).isFile())
    .sort();
}

/** A file's content hash (sha256, hex), or '' when it does not exist or cannot be read. */
export function fileHash(file: string): string {
  try {
    return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  } catch {
    return '';
  }
}

/** The hash of each shipped file's copy in the working folder ('' = missing). */
export function hashShipped(lesson: Pick<Lesson, 'assetsDir'>, workDir: string): Map<string, string> {
  return new Map(shippedFiles(lesson).map((relative) => [relative, fileHash(path.join(workDir, relative))]));
}

/** Shipped files whose working copy changed between two hashings, with the hash after. */
export function changedShipped(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): { path: string; hash: string }[] {
  return [...after].filter(([relative, hash]) => before.get(relative) !== hash).map(([relative, hash]) => ({ path: relative, hash }));
}

export type RestoreResult = 'restored' | 'unchanged' | 'kept-learner-file';

/**
 * Put a shipped file's own version back in the working folder. Only over what a step left there (`leftByStep`, the
 * hashes recorded after the steps that changed it; 'any': whatever is there): a copy the learner changed since is their
 * work and stays.
 */
export function restoreShipped(lesson: Pick<Lesson, 'assetsDir'>, workDir: string, relative: string, leftByStep: readonly string[] | 'any'): RestoreResult {
  const shipped = insideDir(lesson.assetsDir, relative);
  const target = insideDir(workDir, relative);
  if (!shipped || !target || !fs.existsSync(shipped)) return 'unchanged';
  const current = fileHash(target);
  if (current === fileHash(shipped)) return 'unchanged';
  if (current !== '' && leftByStep !== 'any' && !leftByStep.includes(current)) return 'kept-learner-file';
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(shipped, target);
  return 'restored';
}
