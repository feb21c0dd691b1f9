// Small in-memory lessons for the runner's unit tests: steps made from a command, a lesson made from steps.
import type { Lesson, Step } from '../../../src/lessons/schema';

export function step(id: string, body: string, extra: Partial<Step> = {}): Step {
  return { id, title: `title of ${id}`, kind: 'run', timeout: 60, lang: 'bash', body, checks: [], line: 1, vars: [], ...extra } as Step;
}

export function lessonOf(steps: Step[], options: { id?: string; assetsDir?: string } = {}): Lesson {
  return {
    meta: { id: options.id ?? 'l1', vars: {}, creates: {} }, file: '/x.md', assetsDir: options.assetsDir ?? '/nonexistent',
    steps, markdown: '', markdownLine: 1,
  } as unknown as Lesson;
}
