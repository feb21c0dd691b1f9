// Dockerfile text + cursor position → hover Markdown, using dockerfile-ast to find the token under the cursor: an
// instruction keyword, one of its flags (or an option inside RUN --mount=…), or a parser directive. Pure: no vscode.
import type { DockerfileParser, Flag, Instruction, ParserDirective } from 'dockerfile-ast';

// The parser loads with the first Dockerfile hover, not with the extension.
let parser: typeof DockerfileParser | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadParser = (): typeof DockerfileParser => (parser ??= (require('dockerfile-ast') as typeof import('dockerfile-ast')).DockerfileParser);
import {
  DIRECTIVE_DOCS, DOCKERFILE_REFERENCE, INSTRUCTION_DOCS, instructionDocUrl, isInstructionKeyword,
  type DocLang, type InstructionKeyword,
} from './dockerfileDocs';

export interface TextPosition {
  line: number;
  character: number;
}

export interface TextRange {
  start: TextPosition;
  end: TextPosition;
}

export interface HoverContent {
  /** Plain (untrusted) Markdown: no command links, no HTML. */
  markdown: string;
  range: TextRange;
}

const LABELS = {
  zh: { colon: '：', example: '示例', reference: 'Dockerfile 参考', deprecated: '已废弃', directive: '解析器指令', unknownFlag: '不是 `{0}` 的已知选项。' },
  en: { colon: ': ', example: 'Example', reference: 'Dockerfile reference', deprecated: 'deprecated', directive: 'parser directive', unknownFlag: 'is not a known flag of `{0}`.' },
} as const;

export function dockerfileHover(text: string, position: TextPosition, lang: DocLang): HoverContent | undefined {
  const dockerfile = loadParser().parse(text);

  for (const directive of dockerfile.getDirectives()) {
    const hover = directiveHover(directive, position, lang);
    if (hover) return hover;
  }

  const instruction = dockerfile.getInstructions().find((i) => contains(i.getRange(), position));
  if (!instruction) return undefined;
  return instructionHover(triggerAt(instruction, position) ?? instruction, position, lang);
}

/** ONBUILD wraps another instruction: hover the wrapped one when the cursor is on it. */
function triggerAt(instruction: Instruction, position: TextPosition): Instruction | undefined {
  if (instruction.getKeyword() !== 'ONBUILD') return undefined;
  const trigger = (instruction as Instruction & { getTriggerInstruction?(): Instruction | null }).getTriggerInstruction?.();
  return trigger && contains(trigger.getRange(), position) ? trigger : undefined;
}

function instructionHover(instruction: Instruction, position: TextPosition, lang: DocLang): HoverContent | undefined {
  const keyword = instruction.getKeyword();
  if (!isInstructionKeyword(keyword)) return undefined;

  const keywordRange = instruction.getInstructionRange();
  if (contains(keywordRange, position)) return { markdown: instructionMarkdown(keyword, lang), range: keywordRange };

  for (const flag of flagsOf(instruction)) {
    // The name range starts after the `--`; count the dashes as part of the flag.
    const nameRange = flag.getNameRange();
    const withDashes = { start: { line: nameRange.start.line, character: nameRange.start.character - 2 }, end: nameRange.end };
    if (contains(withDashes, position)) return { markdown: flagMarkdown(keyword, flag.getName(), lang), range: withDashes };

    const valueRange = flag.getValueRange();
    if (valueRange && contains(valueRange, position)) {
      const option = flag.getOptions().find((o) => contains(o.getNameRange(), position));
      if (option) {
        const optionMarkdown = flagOptionMarkdown(keyword, flag.getName(), option.getName(), lang);
        if (optionMarkdown) return { markdown: optionMarkdown, range: option.getNameRange() };
      }
      return { markdown: flagMarkdown(keyword, flag.getName(), lang), range: flag.getRange() };
    }
  }
  return undefined;
}

function flagsOf(instruction: Instruction): Flag[] {
  const withFlags = instruction as Instruction & { getFlags?(): Flag[] };
  return typeof withFlags.getFlags === 'function' ? withFlags.getFlags() : [];
}

function directiveHover(directive: ParserDirective, position: TextPosition, lang: DocLang): HoverContent | undefined {
  const range = directive.getRange();
  if (!contains(range, position)) return undefined;
  const name = directive.getName().toLowerCase();
  const doc = DIRECTIVE_DOCS[name];
  if (!doc) return undefined;
  const labels = LABELS[lang];
  const markdown = [
    `**# ${name}** (${labels.directive}) — ${doc.summary[lang]}`,
    codeBlock(doc.syntax),
    bullets(doc.points[lang]),
    `[${labels.reference}${labels.colon}${name}](${DOCKERFILE_REFERENCE}#${doc.anchor})`,
  ].join('\n\n');
  return { markdown, range };
}

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
  const reference = `[${labels.reference}${labels.colon}${keyword}](${instructionDocUrl(keyword)})`;
  if (!doc) {
    return [`\`--${escapeCode(flagName)}\` ${labels.unknownFlag.replace('{0}', keyword)}`, reference].join('\n\n');
  }
  return [`**${keyword} --${flagName}** — ${doc.summary[lang]}`, codeBlock(doc.syntax), reference].join('\n\n');
}

function flagOptionMarkdown(keyword: InstructionKeyword, flagName: string, option: string, lang: DocLang): string | undefined {
  const doc = INSTRUCTION_DOCS[keyword].flags[flagName]?.options?.[option];
  if (!doc) return undefined;
  return [`**${keyword} --${flagName}** \`${option}\` — ${doc[lang]}`, `[${LABELS[lang].reference}${LABELS[lang].colon}${keyword}](${instructionDocUrl(keyword)})`].join('\n\n');
}

function contains(range: TextRange, position: TextPosition): boolean {
  const { start, end } = range;
  if (position.line < start.line || position.line > end.line) return false;
  if (position.line === start.line && position.character < start.character) return false;
  if (position.line === end.line && position.character >= end.character) return false;
  return true;
}

function codeBlock(code: string): string {
  return '```dockerfile\n' + code + '\n```';
}

function bullets(items: readonly string[]): string {
  return items.map((item) => `- ${item}`).join('\n');
}

/** A user-written flag name goes into a code span; drop backticks so it cannot break out. */
function escapeCode(text: string): string {
  return text.replace(/`/g, '');
}
