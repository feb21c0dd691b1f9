// Which lesson step teaches a Dockerfile instruction, a Dockerfile flag or a docker command/flag: a small index built by
// reading the lessons the way a learner meets them. For every step we collect what it uses (its command, the
// Dockerfile it builds — from the lesson's files, a heredoc or an edit step — and the Dockerfile examples shown just
// before it), the heading it sits under and the prose just before it. The step that teaches a topic is the first one
// that uses it under a heading naming it, else (instructions) the first step under such a heading, else the first that
// uses it in a lesson whose summary names it, else the one that uses it right after the prose naming it most often,
// else the first that uses it at all. Pure: no vscode; lessons are
// passed in, files are read through a callback.
import * as path from 'path';
import type { Lesson, Step } from '../lessons/schema';

/** Something the course may teach, e.g. `COPY --from` or `docker container run --publish`. */
export interface LessonTopic {
  /** Stable identity: the index is keyed by it. */
  key: string;
  /** How prose and headings name it (case-sensitive). */
  mentions: readonly RegExp[];
  /** A heading naming it is enough, even over a step that does not use it (instructions; flags are too short a word). */
  headingSuffices?: boolean;
}

/** The step that teaches a topic. */
export interface LessonRef {
  lessonId: string;
  lessonTitle: string;
  order: number;
  stepId: string;
  stepTitle: string;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** A word that is not part of a longer word or flag: `-p` but not `-pid`, `CMD` but not `CMDS`. */
const word = (text: string): RegExp => new RegExp(`(^|[^\\w-])${escapeRegExp(text)}(?![\\w-])`);

export const topics = {
  instruction: (keyword: string): LessonTopic => ({ key: keyword, mentions: [word(keyword)], headingSuffices: true }),
  dockerfileFlag: (keyword: string, flag: string): LessonTopic => ({ key: `${keyword} --${flag}`, mentions: [word(`--${flag}`)] }),
  mountType: (type: string): LessonTopic => ({ key: `RUN --mount=type=${type}`, mentions: [word(`type=${type}`)] }),
  stages: (): LessonTopic => ({ key: 'FROM AS', mentions: [/多阶段|multi-stage/i] }),
  scratch: (): LessonTopic => ({ key: 'FROM scratch', mentions: [word('scratch')] }),
  heredoc: (keyword: string): LessonTopic => ({ key: `${keyword} <<`, mentions: [/here-?doc|<</i] }),
  directive: (name: string): LessonTopic => ({ key: `# ${name}`, mentions: [word(`# ${name}`), word(`#${name}`)] }),
  /** `path` is the canonical command path ("container run"); `spellings` every way to write it ("run", "container run"). */
  cliCommand: (commandPath: string, spellings: readonly string[]): LessonTopic => ({
    key: `docker ${commandPath}`, mentions: spellings.map((spelling) => word(`docker ${spelling}`)),
  }),
  cliFlag: (commandPath: string, names: readonly string[]): LessonTopic => ({
    key: `docker ${commandPath} ${names[0]}`, mentions: names.map((name) => word(name)),
  }),
};

/** What one step uses, and where it sits. */
export interface StepUsage {
  lesson: Lesson;
  step: Step;
  /** Topic keys the step uses. */
  uses: Set<string>;
  /** The nearest `##` and `###` headings above the step. */
  headings: string;
  /** Prose (and non-step code) between the previous step and this one. */
  prose: string;
}

/** Reads a UTF-8 file, or undefined when it does not exist. */
export type ReadFile = (file: string) => string | undefined;

/** Topic keys a piece of text uses: Dockerfile text, or shell commands. Supplied by the hover modules. */
export interface UsageScanner {
  dockerfile(text: string): Iterable<string>;
  shell(text: string): Iterable<string>;
  /** The Dockerfiles a shell command builds: `docker build -f x ctx` → x, else ctx/Dockerfile (relative paths). */
  builtDockerfiles(text: string): Iterable<string>;
}

export class LessonIndex {
  private readonly best = new Map<string, LessonRef | null>();

  constructor(readonly usages: readonly StepUsage[]) {}

  /** The step that teaches the first topic the course teaches, or undefined. */
  find(wanted: readonly LessonTopic[]): LessonRef | undefined {
    for (const topic of wanted) {
      const identity = `${topic.key}\n${topic.mentions.map((mention) => mention.source).join('\n')}`;
      let ref = this.best.get(identity);
      if (ref === undefined) {
        ref = this.rank(topic) ?? null;
        this.best.set(identity, ref);
      }
      if (ref) return ref;
    }
    return undefined;
  }

  private rank(topic: LessonTopic): LessonRef | undefined {
    const named = (text: string) => topic.mentions.some((mention) => mention.test(text));
    const mentions = (text: string) => topic.mentions.reduce((count, mention) => count + (text.match(new RegExp(mention.source, 'g'))?.length ?? 0), 0);
    let best: { score: number; usage: StepUsage } | undefined;
    for (const usage of this.usages) {
      const used = usage.uses.has(topic.key);
      const heading = named(usage.headings);
      if (!used && !(heading && topic.headingSuffices)) continue;
      // Under a heading that names it; else in a lesson whose summary names it; else after prose that names it, the
      // more often the better; else just used.
      const lesson = usage.lesson.meta;
      const score = heading ? (used ? 3 : 2.5) : named(`${lesson.title} ${lesson.summary}`) ? 2 : 1 + Math.min(mentions(usage.prose), 3) / 10;
      // Usages are in course order: the first of the best score wins.
      if (!best || score > best.score) best = { score, usage };
      if (score === 3) break;
    }
    if (!best) return undefined;
    const { lesson, step } = best.usage;
    return { lessonId: lesson.meta.id, lessonTitle: lesson.meta.title, order: lesson.meta.order, stepId: step.id, stepTitle: step.title };
  }
}

const DOCKERFILE_LANGS = new Set(['dockerfile', 'docker', 'containerfile']);
/** A line that starts with an upper-case Dockerfile instruction. */
const DOCKERFILE_LINE = /^\s*(FROM|RUN|COPY|ADD|CMD|ENTRYPOINT|ENV|ARG|WORKDIR|USER|EXPOSE|VOLUME|LABEL|HEALTHCHECK|SHELL|ONBUILD|STOPSIGNAL)\s/m;
/** Fences that belong to a step (its checks, input, solution) rather than to the prose. */
const STEP_PART = /\b(step|check|input|solution)\b/;

export function buildLessonIndex(lessons: readonly Lesson[], scanner: UsageScanner, readFile: ReadFile): LessonIndex {
  const usages: StepUsage[] = [];
  for (const lesson of [...lessons].sort((a, b) => a.meta.order - b.meta.order)) {
    const lines = lesson.markdown.split('\n');
    const stepAt = new Map(lesson.steps.map((step) => [step.line - lesson.markdownLine, step]));
    let h2 = '';
    let h3 = '';
    let prose: string[] = [];
    let fence: { marker: string; info: string; body: string[] } | undefined;
    for (const [index, line] of lines.entries()) {
      if (fence) {
        if (line.trim().startsWith(fence.marker) && line.trim().replace(/[`~]/g, '') === '') {
          if (!STEP_PART.test(fence.info)) prose.push(fence.body.join('\n'));
          fence = undefined;
        } else fence.body.push(line);
        continue;
      }
      const opening = /^\s*(`{3,}|~{3,})(.*)$/.exec(line);
      if (opening) {
        const step = stepAt.get(index);
        if (step) {
          usages.push(stepUsage(lesson, step, `${h2}\n${h3}`, prose.join('\n'), scanner, readFile));
          prose = [];
        }
        fence = { marker: opening[1], info: opening[2], body: [] };
        continue;
      }
      const heading = /^(#{1,3})\s+(.*)$/.exec(line);
      if (heading) {
        if (heading[1].length <= 2) { h2 = heading[2]; h3 = ''; } else h3 = heading[2];
        prose = [];
        continue;
      }
      prose.push(line);
    }
  }
  return new LessonIndex(usages);
}

function stepUsage(lesson: Lesson, step: Step, headings: string, prose: string, scanner: UsageScanner, readFile: ReadFile): StepUsage {
  const uses = new Set<string>();
  const addDockerfile = (text: string | undefined) => {
    if (text) for (const key of scanner.dockerfile(text)) uses.add(key);
  };
  if (DOCKERFILE_LANGS.has(step.lang.toLowerCase())) {
    addDockerfile(step.body);
    addDockerfile(step.solution);
  } else if (step.kind !== 'edit' && step.kind !== 'challenge') {
    // (A challenge's fence is its reference solution: it tests what earlier steps teach, it does not teach it.)
    for (const key of scanner.shell(step.body)) uses.add(key);
    // Reading steps often show a Dockerfile (or a fragment of one) in a shell fence.
    if (DOCKERFILE_LINE.test(step.body)) addDockerfile(step.body);
    // `docker build -t x - <<EOF` … `EOF`: the heredoc is the Dockerfile.
    const heredoc = /<<-?\s*['"]?(\w+)['"]?[^\n]*\n([\s\S]*?)\n\s*\1\s*$/m.exec(step.body);
    const inline = heredoc && /^\s*FROM\s/im.test(heredoc[2]) ? heredoc[2] : undefined;
    addDockerfile(inline);
    const built = [...scanner.builtDockerfiles(step.body)];
    for (const file of built) {
      if (!path.isAbsolute(file) && !file.split(/[\\/]/).includes('..')) addDockerfile(readFile(path.join(lesson.assetsDir, file)));
    }
    // A build step builds the Dockerfile shown just before it, whether or not it names the file.
    const example = /(^|\n)FROM\s[\s\S]*/.exec(prose);
    if (example && (built.length > 0 || inline)) addDockerfile(example[0]);
  }
  return { lesson, step, uses, headings, prose };
}

/** `第 10 章 Dockerfile 指令 › 构建“RUN cd”的反例`: how a hover names the step (lesson titles are Chinese). */
export function lessonRefLabel(ref: LessonRef, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? `第 ${ref.order} 章「${ref.lessonTitle}」› ${ref.stepTitle}` : `Chapter ${ref.order} “${ref.lessonTitle}” › ${ref.stepTitle}`;
}
