// The course behind the editor help: the lesson index built from the lessons folder, and the "taught in" line a hover or
// a diagnostic carries — a command link to the lesson step in VS Code, plain text in the terminal. Pure: no vscode.
import * as fs from 'fs';
import { builtDockerfiles, cliTopicKeys } from './cliHover';
import type { DocLang } from './dockerfileDocs';
import { dockerfileTopicKeys, type HelpOptions } from './dockerfileHover';
import { buildLessonIndex, lessonRefLabel, type LessonIndex, type LessonRef } from './lessonIndex';

export { lessonRefLabel };

/** Parse the lessons (yaml, zod …) only when a hover first needs a link. */
export async function loadLessonIndex(lessonsDir: string): Promise<LessonIndex> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadLessons } = require('../lessons/catalog') as typeof import('../lessons/catalog');
  const { lessons } = await loadLessons(lessonsDir);
  const readFile = (file: string): string | undefined => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  return buildLessonIndex(lessons, { dockerfile: dockerfileTopicKeys, shell: cliTopicKeys, builtDockerfiles }, readFile);
}

/** `课程：第 10 章「Dockerfile 指令」› 构建“RUN cd”的反例`. */
export function taughtIn(ref: LessonRef, lang: DocLang): string {
  return `${lang === 'zh' ? '课程：' : 'Course: '}${lessonRefLabel(ref, lang)}`;
}

/** `[$(book) 课程：第 10 章「…」› 步骤](command:…)`: `command` is the open-lesson command id, called with (lessonId, stepId). */
export function commandLink(ref: LessonRef, lang: DocLang, command: string): string {
  const label = taughtIn(ref, lang).replace(/[[\]\\]/g, '\\$&');
  return `[$(book) ${label}](command:${command}?${encodeURIComponent(JSON.stringify([ref.lessonId, ref.stepId]))})`;
}

/** `课程：第 10 章「…」› 步骤（docker-lessons run instructions --step build-cd）` for the terminal. */
export function textLink(ref: LessonRef, lang: DocLang): string {
  const how = `docker-lessons run ${ref.lessonId} --step ${ref.stepId}`;
  return `${taughtIn(ref, lang)}${lang === 'zh' ? `（${how}）` : ` (${how})`}`;
}

/** The `lessonLink` option of the hovers: the step teaching the first topic the course teaches, rendered by `render`. */
export function lessonLinker(index: LessonIndex, render: (ref: LessonRef) => string): NonNullable<HelpOptions['lessonLink']> {
  return (wanted) => {
    const ref = index.find(wanted);
    return ref && render(ref);
  };
}
