// Dockerfile text → the hover tip of every token a reader meets, found with dockerfile-ast: instruction keywords, their
// flags (and options inside RUN --mount=…), parser directives, `FROM … AS name`, stage names and the places that use
// them (COPY --from, RUN --mount from=, FROM <stage>), heredocs (opener, body, end marker), HEALTHCHECK's CMD/NONE and
// FROM scratch. A hover is the smallest item under the cursor; `docker-lessons explain` prints them per line. Pure: no
// vscode.
import type { Argument, DockerfileParser, Flag, From, Heredoc, Instruction, ParserDirective } from 'dockerfile-ast';

// The parser loads with the first Dockerfile hover, not with the extension.
let parser: typeof DockerfileParser | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadParser = (): typeof DockerfileParser => (parser ??= (require('dockerfile-ast') as typeof import('dockerfile-ast')).DockerfileParser);
import {
  DIRECTIVE_DOCS, DOCKERFILE_REFERENCE, INSTRUCTION_DOCS, TOKEN_DOCS, instructionDocUrl, isInstructionKeyword,
  type DocLang, type InstructionKeyword, type TokenDocKey,
} from './dockerfileDocs';
import { topics, type LessonTopic } from './lessonIndex';

export interface TextPosition {
  line: number;
  character: number;
}

export interface TextRange {
  start: TextPosition;
  end: TextPosition;
}

export interface HoverContent {
  /** Markdown: no HTML; command links only from `HelpOptions.lessonLink`. */
  markdown: string;
  range: TextRange;
}

export type DockerfileTokenKind =
  | 'instruction' | 'flag' | 'flag-option' | 'directive' | 'stage-as' | 'stage-name' | 'stage-ref' | 'scratch'
  | 'heredoc-open' | 'heredoc-body' | 'heredoc-end' | 'healthcheck-cmd';

export interface HoverItem extends HoverContent {
  kind: DockerfileTokenKind;
}

export interface HelpOptions {
  /** A Markdown line linking to the lesson step that teaches the first of these topics, if the course teaches one. */
  lessonLink?: (wanted: readonly LessonTopic[]) => string | undefined;
}

const LABELS = {
  zh: {
    colon: '：', example: '示例', reference: 'Dockerfile 参考', deprecated: '已废弃', directive: '解析器指令', unknownFlag: '不是 `{0}` 的已知选项。',
    stageTitle: '**构建阶段 `{0}`**（第 {1} 个阶段，也可写作 `--from={2}`）— {3}', usedAt: '用到它的地方：{0}。', lineOf: '第 {0} 行 `{1}`',
    unusedStage: '本文件里没有别的阶段用到它：BuildKit 只构建最终阶段依赖的阶段，会跳过它，除非用 `--target` 指定。',
    lastStage: '这是最后一个阶段：不加 `--target` 时，构建出的镜像就是它。', target: '只构建到这个阶段：`docker build --target {0} .`',
    refTitle: '引用构建阶段 `{0}`', definedAt: '定义在第 {0} 行（第 {1} 个阶段）。', notAStage: '`{0}` 不是本文件里的阶段名，会当作镜像使用（必要时从镜像仓库拉取）。',
  },
  en: {
    colon: ': ', example: 'Example', reference: 'Dockerfile reference', deprecated: 'deprecated', directive: 'parser directive', unknownFlag: 'is not a known flag of `{0}`.',
    stageTitle: '**Build stage `{0}`** (stage {1}, also written `--from={2}`) — {3}', usedAt: 'Used at {0}.', lineOf: 'line {0} `{1}`',
    unusedStage: 'No other stage of this file uses it: BuildKit builds only the stages the final one depends on and skips it unless `--target` names it.',
    lastStage: 'This is the last stage: without `--target`, the built image is this one.', target: 'Build up to this stage only: `docker build --target {0} .`',
    refTitle: 'Reference to build stage `{0}`', definedAt: 'Defined on line {0} (stage {1}).', notAStage: '`{0}` is not a stage of this file, so it is used as an image (pulled from a registry if needed).',
  },
} as const;

const format = (template: string, ...values: (string | number)[]): string =>
  template.replace(/\{(\d+)\}/g, (_, n: string) => String(values[Number(n)]));

// ── parsing, cached per text ─────────────────────────────────────────────────

interface Stage {
  index: number;
  name?: string;
  from: From;
}

interface StageUse {
  stage: Stage;
  line: number;
  /** `COPY --from`, `RUN --mount from=`, `FROM`. */
  how: string;
}

let cache: { text: string; lang: DocLang; link: HelpOptions['lessonLink']; items: HoverItem[] } | undefined;

/** Every hover item of a Dockerfile, in document order. */
export function dockerfileHoverItems(text: string, lang: DocLang, options: HelpOptions = {}): HoverItem[] {
  if (cache && cache.text === text && cache.lang === lang && cache.link === options.lessonLink) return cache.items;
  const items = new ItemBuilder(text, lang, options).build();
  cache = { text, lang, link: options.lessonLink, items };
  return items;
}

/** The hover at a position: the smallest item that contains it. */
export function dockerfileHover(text: string, position: TextPosition, lang: DocLang, options: HelpOptions = {}): HoverContent | undefined {
  return smallestAt(dockerfileHoverItems(text, lang, options), position);
}

/** The smallest of the items whose range contains the position, as a hover. */
export function smallestAt(items: readonly HoverContent[], position: TextPosition): HoverContent | undefined {
  let best: HoverContent | undefined;
  for (const item of items) {
    if (contains(item.range, position) && (!best || extent(item.range) < extent(best.range))) best = item;
  }
  return best && { markdown: best.markdown, range: best.range };
}

class ItemBuilder {
  private readonly items: HoverItem[] = [];
  private readonly labels;
  private readonly stages: Stage[] = [];
  private readonly uses: StageUse[] = [];

  constructor(private readonly text: string, private readonly lang: DocLang, private readonly options: HelpOptions) {
    this.labels = LABELS[lang];
  }

  build(): HoverItem[] {
    const dockerfile = loadParser().parse(this.text);
    for (const directive of dockerfile.getDirectives()) this.directive(directive);
    for (const instruction of dockerfile.getInstructions()) this.instruction(instruction);
    // Stage names list their uses, which are only known once the whole file is read.
    for (const stage of this.stages) this.stageName(stage);
    return this.items.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  }

  private add(kind: DockerfileTokenKind, range: TextRange | null | undefined, parts: (string | undefined)[], wanted: readonly LessonTopic[]): void {
    if (!range) return;
    const link = this.options.lessonLink?.(wanted);
    this.items.push({ kind, range, markdown: [...parts, link].filter((part): part is string => !!part).join('\n\n') });
  }

  private directive(directive: ParserDirective): void {
    const name = directive.getName().toLowerCase();
    const doc = DIRECTIVE_DOCS[name];
    if (!doc) return;
    const { labels, lang } = this;
    this.add('directive', directive.getRange(), [
      `**# ${name}** (${labels.directive}) — ${doc.summary[lang]}`,
      codeBlock(doc.syntax),
      bullets(doc.points[lang]),
      `[${labels.reference}${labels.colon}${name}](${DOCKERFILE_REFERENCE}#${doc.anchor})`,
    ], [topics.directive(name)]);
  }

  private instruction(instruction: Instruction, insideOnbuild = false): void {
    const keyword = instruction.getKeyword();
    if (!isInstructionKeyword(keyword)) return;
    this.add('instruction', instruction.getInstructionRange(), [instructionMarkdown(keyword, this.lang)], [topics.instruction(keyword)]);
    this.flags(keyword, instruction, insideOnbuild);
    if (keyword === 'FROM') this.from(instruction as From);
    if (keyword === 'HEALTHCHECK') this.healthcheckSubcommand(instruction);
    if (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') this.heredocs(keyword, instruction);
    if (keyword === 'ONBUILD') {
      const trigger = (instruction as Instruction & { getTriggerInstruction?(): Instruction | null }).getTriggerInstruction?.();
      if (trigger) this.instruction(trigger, true);
    }
  }

  private flags(keyword: InstructionKeyword, instruction: Instruction, insideOnbuild: boolean): void {
    const wantedFor = (flag: string) => [topics.dockerfileFlag(keyword, flag), topics.instruction(keyword)];
    for (const flag of flagsOf(instruction)) {
      const name = flag.getName();
      // The name range starts after the `--`; count the dashes as part of the flag.
      const nameRange = flag.getNameRange();
      const withDashes = { start: { line: nameRange.start.line, character: nameRange.start.character - 2 }, end: nameRange.end };
      const markdown = flagMarkdown(keyword, name, this.lang);
      this.add('flag', withDashes, [markdown], wantedFor(name));

      const valueRange = flag.getValueRange();
      if (!valueRange) continue;
      const value = flag.getValue() ?? '';
      if (keyword === 'COPY' && name === 'from' && !insideOnbuild) {
        this.stageReference(value, valueRange, 'COPY --from', [markdown], wantedFor(name));
      } else {
        this.add('flag', valueRange, [markdown], wantedFor(name));
      }
      const mountType = name === 'mount' ? flag.getOption('type')?.getValue() ?? 'bind' : undefined;
      for (const option of flag.getOptions()) {
        const optionMarkdown = flagOptionMarkdown(keyword, name, option.getName(), this.lang);
        if (!optionMarkdown) continue;
        const wanted = mountType ? [topics.mountType(mountType), ...wantedFor(name)] : wantedFor(name);
        this.add('flag-option', option.getNameRange(), [optionMarkdown], wanted);
        const optionValue = option.getValueRange();
        if (name === 'mount' && option.getName() === 'from' && optionValue && !insideOnbuild) {
          this.stageReference(option.getValue() ?? '', optionValue, 'RUN --mount from=', [optionMarkdown], wanted, true);
        }
      }
    }
  }

  private from(from: From): void {
    const stage: Stage = { index: this.stages.length, name: from.getBuildStage() ?? undefined, from };
    const image = from.getImageName();
    const imageRange = from.getImageNameRange();
    if (image && imageRange) {
      if (image.toLowerCase() === 'scratch') {
        this.add('scratch', imageRange, [tokenMarkdown('scratch', this.lang)], [topics.scratch(), topics.instruction('FROM')]);
      } else {
        this.stageReference(image, imageRange, 'FROM', [], [topics.stages()], true);
      }
    }
    const args = from.getArguments();
    const as = args.find((arg, i) => i > 0 && arg.getValue().toLowerCase() === 'as');
    if (as) this.add('stage-as', as.getRange(), [tokenMarkdown('as', this.lang)], [topics.stages(), topics.instruction('FROM')]);
    this.stages.push(stage);
  }

  /** A stage name or index where a stage or image may be named: a stage-ref item when it names an earlier stage. */
  private stageReference(value: string, range: TextRange, how: string, after: string[],
    wanted: readonly LessonTopic[], onlyStages = false): void {
    const stage = /^\d+$/.test(value)
      ? this.stages[Number(value)]
      : this.stages.find((s) => s.name !== undefined && s.name.toLowerCase() === value.toLowerCase());
    const { labels } = this;
    if (!stage) {
      if (!onlyStages) this.add('flag', range, [...after, format(labels.notAStage, escapeCode(value))], wanted);
      return;
    }
    this.uses.push({ stage, line: range.start.line, how });
    const title = `**${format(labels.refTitle, escapeCode(stage.name ?? String(stage.index)))}** — ${TOKEN_DOCS.stageRef.summary[this.lang]}`;
    const defined = format(labels.definedAt, stage.from.getRange().start.line + 1, stage.index + 1);
    this.add('stage-ref', range, [title, defined, ...after], [topics.stages(), ...wanted]);
  }

  private stageName(stage: Stage): void {
    const range = stage.from.getBuildStageRange();
    if (!range || stage.name === undefined) return;
    const { labels, lang } = this;
    const name = escapeCode(stage.name);
    const uses = this.uses.filter((use) => use.stage === stage);
    const isLast = stage.index === this.stages.length - 1;
    const usage = uses.length > 0
      ? format(labels.usedAt, uses.map((use) => format(labels.lineOf, use.line + 1, use.how)).join(lang === 'zh' ? '；' : '; '))
      : isLast ? undefined : labels.unusedStage;
    this.add('stage-name', range, [
      format(labels.stageTitle, name, stage.index + 1, stage.index, TOKEN_DOCS.stage.summary[lang]),
      usage,
      isLast ? labels.lastStage : undefined,
      format(labels.target, name),
      reference(this.lang, TOKEN_DOCS.as.anchor),
    ], [topics.stages(), topics.dockerfileFlag('COPY', 'from')]);
  }

  private healthcheckSubcommand(instruction: Instruction): void {
    const sub = (instruction as Instruction & { getSubcommand?(): Argument | null }).getSubcommand?.();
    if (!sub) return;
    const value = sub.getValue().toUpperCase();
    const key: TokenDocKey | undefined = value === 'CMD' ? 'healthcheckCmd' : value === 'NONE' ? 'healthcheckNone' : undefined;
    if (key) this.add('healthcheck-cmd', sub.getRange(), [tokenMarkdown(key, this.lang)], [topics.instruction('HEALTHCHECK')]);
  }

  private heredocs(keyword: 'RUN' | 'COPY' | 'ADD', instruction: Instruction): void {
    const heredocs = (instruction as Instruction & { getHeredocs?(): Heredoc[] }).getHeredocs?.() ?? [];
    const args = instruction.getArguments();
    for (const heredoc of heredocs) {
      const start = heredoc.getStartRange();
      const name = escapeCode(heredoc.getName());
      const wanted = [topics.heredoc(keyword), topics.instruction(keyword)];
      let open: TokenDocKey;
      let body: TokenDocKey;
      let destination = '';
      if (keyword === 'RUN') {
        // `RUN <<EOF` is a script; `RUN <<EOF cat > f` (or a second heredoc) feeds a command's standard input.
        const first = args[0];
        const isScript = !!first && sameStart(first.getRange(), start) && !args.some((arg) => arg.getRange().start.line === start.start.line
          && !arg.getValue().startsWith('<<') && arg.getRange().start.character > start.end.character);
        open = isScript ? 'heredocRun' : 'heredocStdin';
        body = isScript ? 'heredocBodyScript' : 'heredocBodyStdin';
      } else {
        open = 'heredocFile';
        body = 'heredocBodyFile';
        const onLine = args.filter((arg) => arg.getRange().start.line === start.start.line && !arg.getValue().startsWith('<<'));
        destination = escapeCode(onLine.at(-1)?.getValue() ?? '');
      }
      this.add('heredoc-open', start, [tokenMarkdown(open, this.lang)], wanted);
      const content = heredoc.getContentRange();
      if (content) this.add('heredoc-body', content, [tokenMarkdown(body, this.lang, name, destination)], wanted);
      const end = heredoc.getDelimiterRange();
      if (end) this.add('heredoc-end', end, [tokenMarkdown('heredocEnd', this.lang, name, start.start.line + 1)], wanted);
    }
  }
}

// ── usage, for the lesson index ──────────────────────────────────────────────

/** The lesson-index topic keys a Dockerfile uses. */
export function dockerfileTopicKeys(text: string): Set<string> {
  const keys = new Set<string>();
  const dockerfile = loadParser().parse(text);
  for (const directive of dockerfile.getDirectives()) keys.add(topics.directive(directive.getName().toLowerCase()).key);
  const visit = (instruction: Instruction): void => {
    const keyword = instruction.getKeyword();
    if (!isInstructionKeyword(keyword)) return;
    keys.add(topics.instruction(keyword).key);
    for (const flag of flagsOf(instruction)) {
      keys.add(topics.dockerfileFlag(keyword, flag.getName()).key);
      if (flag.getName() === 'mount') keys.add(topics.mountType(flag.getOption('type')?.getValue() ?? 'bind').key);
    }
    if (keyword === 'FROM') {
      const from = instruction as From;
      if (from.getBuildStage()) keys.add(topics.stages().key);
      if (from.getImageName()?.toLowerCase() === 'scratch') keys.add(topics.scratch().key);
    }
    if ((instruction as Instruction & { getHeredocs?(): Heredoc[] }).getHeredocs?.().length) keys.add(topics.heredoc(keyword).key);
    const trigger = (instruction as Instruction & { getTriggerInstruction?(): Instruction | null }).getTriggerInstruction?.();
    if (trigger) visit(trigger);
  };
  for (const instruction of dockerfile.getInstructions()) visit(instruction);
  return keys;
}

// ── Markdown ─────────────────────────────────────────────────────────────────

/** The full tip for an instruction keyword. Exported so tests can check every instruction renders. */
export function instructionMarkdown(keyword: InstructionKeyword, lang: DocLang): string {
  const doc = INSTRUCTION_DOCS[keyword];
  const labels = LABELS[lang];
  const title = doc.deprecated ? `**${keyword}** *(${labels.deprecated})*` : `**${keyword}**`;
  return [
    `${title} — ${doc.summary[lang]}`,
    codeBlock(doc.syntax.join('\n')),
    bullets(doc.points[lang]),
    `${labels.example}${labels.colon.trim()}`,
    codeBlock(doc.example),
    `[${labels.reference}${labels.colon}${keyword}](${instructionDocUrl(keyword)})`,
  ].join('\n\n');
}

export function flagMarkdown(keyword: InstructionKeyword, flagName: string, lang: DocLang): string {
  const doc = INSTRUCTION_DOCS[keyword].flags[flagName];
  const labels = LABELS[lang];
  const ref = `[${labels.reference}${labels.colon}${keyword}](${instructionDocUrl(keyword)})`;
  if (!doc) {
    return [`\`--${escapeCode(flagName)}\` ${labels.unknownFlag.replace('{0}', keyword)}`, ref].join('\n\n');
  }
  return [`**${keyword} --${flagName}** — ${doc.summary[lang]}`, codeBlock(doc.syntax), doc.tip?.[lang], ref]
    .filter((part): part is string => !!part).join('\n\n');
}

function flagOptionMarkdown(keyword: InstructionKeyword, flagName: string, option: string, lang: DocLang): string | undefined {
  const doc = INSTRUCTION_DOCS[keyword].flags[flagName]?.options?.[option];
  if (!doc) return undefined;
  return [`**${keyword} --${flagName}** \`${option}\` — ${doc[lang]}`, `[${LABELS[lang].reference}${LABELS[lang].colon}${keyword}](${instructionDocUrl(keyword)})`].join('\n\n');
}

/** A stage, heredoc or HEALTHCHECK tip; `{0}`, `{1}` in the summary take `values`. */
export function tokenMarkdown(key: TokenDocKey, lang: DocLang, ...values: (string | number)[]): string {
  const doc = TOKEN_DOCS[key] as (typeof TOKEN_DOCS)[TokenDocKey] & { points?: { zh: readonly string[]; en: readonly string[] }; syntax?: string };
  return [
    `**${doc.title[lang]}** — ${format(doc.summary[lang], ...values)}`,
    doc.syntax ? codeBlock(doc.syntax) : undefined,
    doc.points ? bullets(doc.points[lang]) : undefined,
    reference(lang, doc.anchor),
  ].filter((part): part is string => !!part).join('\n\n');
}

function reference(lang: DocLang, anchor: string): string {
  return `[${LABELS[lang].reference}](${DOCKERFILE_REFERENCE}#${anchor})`;
}

function flagsOf(instruction: Instruction): Flag[] {
  const withFlags = instruction as Instruction & { getFlags?(): Flag[] };
  return typeof withFlags.getFlags === 'function' ? withFlags.getFlags() : [];
}

export function contains(range: TextRange, position: TextPosition): boolean {
  const { start, end } = range;
  if (position.line < start.line || position.line > end.line) return false;
  if (position.line === start.line && position.character < start.character) return false;
  if (position.line === end.line && position.character >= end.character) return false;
  return true;
}

/** Orders ranges by extent: lines first, then characters. */
function extent(range: TextRange): number {
  return (range.end.line - range.start.line) * 1e6 + (range.end.character - range.start.character);
}

function sameStart(a: TextRange, b: TextRange): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character;
}

function codeBlock(code: string): string {
  return '```dockerfile\n' + code + '\n```';
}

function bullets(items: readonly string[]): string {
  return items.map((item) => `- ${item}`).join('\n');
}

/** Document text goes into a code span; drop backticks so it cannot break out (or into a link). */
function escapeCode(text: string): string {
  return text.replace(/[`[\]]/g, '');
}
