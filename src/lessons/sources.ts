// lessons/SOURCES.md: which lesson (and which of its steps) teaches each section of the five seed notes. It is generated
// from the lessons' front matter `sources`, checked against lessons/seed-headings.json (the seeds' headings, extracted
// once by scripts/seed-headings.mjs), so a seed heading without a lesson fails the unit tests.
import type { Lesson } from './schema';

export interface SeedHeading {
  seed: string;
  line: number;
  heading: string;
  /** false for deeper headings: lessons may cite them, but they need not be mapped. */
  required?: boolean;
}

/**
 * Compare headings loosely: no leading #'s, no trailing colons, one space for any run of blanks. A path such as
 * "# 底层实现 / ## 基本架构" names its last heading.
 */
export function normalizeHeading(text: string): string {
  const last = text.split(/\s+\/\s+(?=#)/).pop() ?? text;
  return last.replace(/^#+\s*/, '').replace(/[\s\u00a0\u3000]+/g, ' ').replace(/\s*[:：]\s*$/, '').trim();
}

const key = (seed: string, heading: string): string => `${seed}\u0000${normalizeHeading(heading)}`;

export interface SourceMapping {
  heading: SeedHeading;
  /** viaRange: covered by a cited parent section's line range, not cited by name. */
  lessons: { id: string; order: number; title: string; steps: string[]; viaRange?: boolean }[];
}

export interface SourcesReport {
  mappings: SourceMapping[];
  /** Seed headings that no lesson cites. */
  unmapped: SeedHeading[];
  /** Lesson source entries naming a heading that is not in the seeds (typos). */
  unknown: { lesson: string; seed: string; section: string }[];
  /** Step ids listed in sources that the lesson does not have. */
  badSteps: { lesson: string; section: string; step: string }[];
}

/** Which of several same-named headings a source means: the ones inside its `lines` range, else all of them. */
function pick(entries: SourceMapping[], lines: string | undefined): SourceMapping[] {
  if (entries.length < 2 || !lines) return entries;
  const [from, to = from] = lines.split('-').map(Number);
  const inside = entries.filter((e) => e.heading.line >= from && e.heading.line <= to);
  if (inside.length > 0) return inside;
  // A range that starts just below its heading: the nearest heading above it.
  const above = entries.filter((e) => e.heading.line <= from).sort((a, b) => b.heading.line - a.heading.line);
  return above.length > 0 ? [above[0]] : entries;
}

export function mapSources(lessons: Lesson[], headings: SeedHeading[]): SourcesReport {
  const mappings: SourceMapping[] = headings.map((heading) => ({ heading, lessons: [] }));
  const byKey = new Map<string, SourceMapping[]>();
  for (const mapping of mappings) {
    const k = key(mapping.heading.seed, mapping.heading.heading);
    byKey.set(k, [...(byKey.get(k) ?? []), mapping]);
  }
  const report: SourcesReport = { mappings, unmapped: [], unknown: [], badSteps: [] };
  for (const lesson of [...lessons].sort((a, b) => a.meta.order - b.meta.order)) {
    const stepIds = new Set(lesson.steps.map((s) => s.id));
    for (const source of lesson.meta.sources) {
      const entries = byKey.get(key(source.seed, source.section));
      if (!entries) { report.unknown.push({ lesson: lesson.meta.id, seed: source.seed, section: source.section }); continue; }
      for (const step of source.steps ?? []) {
        if (!stepIds.has(step)) report.badSteps.push({ lesson: lesson.meta.id, section: source.section, step });
      }
      for (const entry of pick(entries, source.lines)) {
        entry.lessons.push({ id: lesson.meta.id, order: lesson.meta.order, title: lesson.meta.title, steps: source.steps ?? [] });
      }
    }
  }
  // A cited section's line range covers the sub-sections inside it that no lesson cites by name.
  for (const lesson of [...lessons].sort((a, b) => a.meta.order - b.meta.order)) {
    for (const source of lesson.meta.sources) {
      if (!source.lines) continue;
      const [from, to = from] = source.lines.split('-').map(Number);
      for (const mapping of mappings) {
        const { seed, line } = mapping.heading;
        if (seed !== source.seed || line < from || line > to || mapping.lessons.some((l) => l.id === lesson.meta.id)) continue;
        if (mapping.lessons.length === 0 || mapping.lessons.every((l) => l.viaRange)) {
          mapping.lessons.push({ id: lesson.meta.id, order: lesson.meta.order, title: lesson.meta.title, steps: [], viaRange: true });
        }
      }
    }
  }
  report.unmapped = mappings.filter((m) => m.lessons.length === 0 && m.heading.required !== false).map((m) => m.heading);
  // The table lists the sections that must be mapped, plus deeper ones a lesson cites.
  report.mappings = mappings.filter((m) => m.heading.required !== false || m.lessons.length > 0);
  return report;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

export function renderSourcesMarkdown(report: SourcesReport, lessonFiles: Map<string, string>): string {
  const lines = [
    '# 笔记章节 → 课程对照表 (seed section → lesson and step)',
    '',
    '由 `npm run sources` 根据各课 front matter 的 `sources` 生成，请勿手改。Generated from each lesson\'s front matter `sources` by',
    '`npm run sources`; do not edit by hand. A unit test fails when a seed heading (lessons/seed-headings.json) has no lesson.',
    '',
    '| 笔记 seed | 行 line | 章节 section | 课程 lesson | 步骤 steps |',
    '| --- | ---: | --- | --- | --- |',
  ];
  for (const { heading, lessons } of report.mappings) {
    const where = lessons.map((l) => `[${String(l.order).padStart(2, '0')} ${cell(l.title)}](${lessonFiles.get(l.id) ?? ''})`).join('<br>') || '—';
    const steps = lessons.map((l) => (l.steps.length ? l.steps.map((s) => `\`${s}\``).join(', ')
      : l.viaRange ? '（所在章节 parent section）' : '（讲解 prose）')).join('<br>') || '—';
    lines.push(`| ${heading.seed} | ${heading.line} | ${cell(heading.heading)} | ${where} | ${steps} |`);
  }
  return lines.join('\n') + '\n';
}
