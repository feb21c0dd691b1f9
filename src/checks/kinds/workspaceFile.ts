// `workspaceFile:` checks: a file in the lesson's working folder (what an edit step writes, or a saved tarball).
import { promises as fs } from 'fs';
import * as path from 'path';
import * as z from 'zod';
import { t } from '../../i18n';
import { type Outcome, excerpt, joinItems } from '../describe';
import { NotATarError, hasMember, normalizeMember, tarMembers } from '../tar';
import { describeTextMatch, hasTextMatch, matchText, pickTextMatch } from '../text';
import { common, defineKind, nonEmpty, textMatch } from './common';

/** A file in the lesson's working folder (what an `edit` step asks the learner to write). */
export const workspaceFileCheck = z.object({
  /** path relative to the lesson's working folder; save/export steps produce tarballs there too. */
  workspaceFile: z.object({ path: nonEmpty, absent: z.boolean().optional(), tarContains: z.string().optional() }).extend(textMatch.shape).strict(),
  ...common,
}).strict();

export type WorkspaceFileCheck = z.infer<typeof workspaceFileCheck>;

/** The absolute path, or undefined when the lesson's path would leave the working folder. */
export function insideWorkDir(workDir: string, relative: string): string | undefined {
  if (path.isAbsolute(relative)) return undefined;
  const full = path.resolve(workDir, relative);
  const rel = path.relative(path.resolve(workDir), full);
  return rel.startsWith('..') || path.isAbsolute(rel) ? undefined : full;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.stat(file);
    return true;
  } catch {
    return false;
  }
}

export async function evaluateWorkspaceFile(check: WorkspaceFileCheck, workDir: string): Promise<Outcome> {
  const { path: relative, absent, tarContains } = check.workspaceFile;
  const match = pickTextMatch(check.workspaceFile);
  const title = tarContains !== undefined ? t('{0} in the archive {1}', tarContains, relative) : t('File {0} in the working folder', relative);
  const expected = absent ? t('absent')
    : tarContains !== undefined ? t('a member {0}', tarContains)
      : hasTextMatch(match) ? describeTextMatch(match) : t('exists');
  const file = insideWorkDir(workDir, relative);
  if (!file) return { pass: false, title, expected, actual: t('refused: the path leaves the working folder'), final: true };
  const present = await exists(file);
  if (absent) {
    return { pass: !present, title, expected, actual: present ? t('present') : t('no such file'),
      hint: present ? t('Delete {0} from the working folder.', relative) : undefined };
  }
  if (!present) {
    return { pass: false, title, expected, actual: t('no such file'), hint: t('Run the step that writes {0} (in {1}).', relative, workDir) };
  }
  if (tarContains !== undefined) {
    let members: string[];
    try {
      members = await tarMembers(file);
    } catch (error) {
      if (error instanceof NotATarError) return { pass: false, title, expected, actual: t('{0} is not a tar archive', relative) };
      throw error;
    }
    if (hasMember(members, tarContains)) return { pass: true, title, expected, actual: t('present') };
    const shown = members.slice(0, 8).map(normalizeMember);
    return { pass: false, title, expected, actual: t('not in the archive ({0} members: {1})', String(members.length), joinItems(shown) + (members.length > 8 ? '…' : '')) };
  }
  if (!hasTextMatch(match)) return { pass: true, title, expected, actual: t('present') };
  const stat = await fs.stat(file);
  if (stat.isDirectory()) return { pass: false, title, expected, actual: t('{0} is a folder', relative) };
  const content = await fs.readFile(file, 'utf8');
  const result = matchText(content, match);
  return { title, ...result, actual: result.pass ? excerpt(content) : result.actual };
}

export const workspaceFileKind = defineKind({
  key: 'workspaceFile',
  schema: workspaceFileCheck,
  evaluate: (check, { ctx }) => evaluateWorkspaceFile(check, ctx.workDir),
  describe: (check) => ({ title: t('File {0} in the working folder', check.workspaceFile.path), expected: '—' }),
});
