// `file:` checks: read one file from a container's filesystem (GET /containers/{id}/archive).
import * as z from 'zod';
import { t } from '../../i18n';
import type { Outcome } from '../describe';
import type { Lookup } from '../lookup';
import { describeTextMatch, hasTextMatch, matchText } from '../text';
import { common, defineKind, nonEmpty, textMatch } from './common';
import { noSuchContainer } from './container';

export const fileCheck = z.object({
  file: z.object({
    container: nonEmpty,
    path: nonEmpty,
    absent: z.boolean().optional(),
    content: textMatch.optional(),
  }).strict(),
  ...common,
}).strict();

export type FileCheck = z.infer<typeof fileCheck>;

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
    return noSuchContainer(shape.title, shape.expected, container);
  }
  return fileOutcome(check.file, await lookup.engine.readFile(container, path));
}

export const fileKind = defineKind({
  key: 'file',
  schema: fileCheck,
  evaluate: (check, { lookup }) => evaluateFile(check, lookup),
  describe: (check) => ({ title: t('File {0} in container {1}', check.file.path, check.file.container), expected: '—' }),
});
