// Dockerfile diagnostics in Chinese (or English): dockerfile-utils' validator (each ValidationCode's message translated,
// with its values), plus the best-practice checks chapter 12 teaches — `apt-get update` without an install in the same
// RUN, `latest` or missing tags, `ADD` where `COPY` fits, shell-form `ENTRYPOINT`, `MAINTAINER`, the legacy `ENV key
// value` — with quick fixes where the change is mechanical, and the lesson step that teaches each. Pure: no vscode.
import type { Add, DockerfileParser, Dockerfile, Entrypoint, Env, From, Instruction } from 'dockerfile-ast';
import { parseShell } from './cliHover';
import type { DocLang, Localized } from './dockerfileDocs';
import type { TextRange } from './dockerfileHover';
import { topics, type LessonRef, type LessonTopic } from './lessonIndex';

// Both load with the first Dockerfile that is checked, not with the extension.
/* eslint-disable @typescript-eslint/no-require-imports */
let parser: typeof DockerfileParser | undefined;
const loadParser = (): typeof DockerfileParser => (parser ??= (require('dockerfile-ast') as typeof import('dockerfile-ast')).DockerfileParser);
let utils: typeof import('dockerfile-utils') | undefined;
const loadUtils = (): typeof import('dockerfile-utils') => (utils ??= require('dockerfile-utils') as typeof import('dockerfile-utils'));
/* eslint-enable @typescript-eslint/no-require-imports */

export interface TextEdit {
  range: TextRange;
  newText: string;
}

export interface LintFix {
  title: string;
  edits: TextEdit[];
}

export interface LintDiagnostic {
  /** A dockerfile-utils ValidationCode name (`JSON_IN_SINGLE_QUOTES`) or one of ours (`apt-update-alone`). */
  code: string;
  source: 'dockerfile-utils' | 'docker-lessons';
  severity: 'error' | 'warning' | 'info' | 'hint';
  range: TextRange;
  message: string;
  /** dockerfile-utils marks some problems: `unnecessary` (greyed out), `deprecated` (struck through). */
  tags?: ('unnecessary' | 'deprecated')[];
  fixes: LintFix[];
  /** The lesson step that teaches what the problem is about. */
  lesson?: LessonRef;
}

export interface LintOptions {
  lessonFor?: (wanted: readonly LessonTopic[]) => LessonRef | undefined;
}

// ── dockerfile-utils messages ────────────────────────────────────────────────

/**
 * dockerfile-utils' message templates (`Validator.dockerProblems`; a unit test keeps them in step with the library) and
 * their Chinese. `${0}`, `${1}` are the values the library fills in; a message is matched against the English template
 * to recover them.
 */
export const VALIDATOR_MESSAGES: Readonly<Record<string, Localized>> = {
  baseNameEmpty: { en: 'base name (${0}) should not be blank', zh: '基础镜像名（${0}）为空：引用的构建参数没有值，给 ARG 一个默认值或用 --build-arg 传入' },
  directiveCasing: { en: 'Parser directives should be written in lowercase letters', zh: '解析器指令应当用小写字母书写' },
  directiveEscapeDuplicated: { en: 'only one escape parser directive can be used', zh: '只能写一个 escape 解析器指令' },
  directiveEscapeInvalid: { en: 'invalid ESCAPE \'${0}\'. Must be ` or \\', zh: '无效的转义字符 \'${0}\'：只能是 ` 或 \\' },
  noSourceImage: { en: 'No source image provided with `FROM`', zh: '`FROM` 没有指定基础镜像' },
  emptyContinuationLine: { en: 'Empty continuation line', zh: '续行中有空行：这种写法已被弃用，删掉空行或改成注释' },
  fromRequiresOneOrThreeArguments: { en: 'FROM requires either one or three arguments', zh: 'FROM 需要一个参数（镜像），或三个参数（镜像 AS 名字）' },
  invalidAs: { en: 'Second argument should be AS', zh: '第二个参数应当是 AS' },
  invalidPort: { en: 'Invalid containerPort: ${0}', zh: '无效的容器端口：${0}' },
  invalidProtocol: { en: 'Invalid proto: ${0}', zh: '无效的协议：${0}（只能是 tcp、udp 或 sctp）' },
  invalidReferenceFormat: { en: 'invalid reference format', zh: '镜像名格式不正确（仓库名要小写，标签和摘要写在 : 和 @ 后面）' },
  invalidStopSignal: { en: 'Invalid signal: ${0}', zh: '无效的信号：${0}' },
  invalidSyntax: { en: 'parsing "${0}": invalid syntax', zh: '无法解析 "${0}"：语法无效' },
  invalidDestination: {
    en: 'When using ${0} with more than one source file, the destination must be a directory and end with a / or a \\',
    zh: '${0} 有多个源文件时，目标必须是目录，并以 / 或 \\ 结尾',
  },
  syntaxMissingEquals: { en: 'Syntax error - can\'t find = in "${0}". Must be of the form: name=value', zh: '语法错误：在 "${0}" 中找不到 =，应写成 name=value' },
  syntaxMissingNames: { en: '${0} names cannot be blank', zh: '${0} 的名字不能为空' },
  syntaxMissingSingleQuote: {
    en: 'failed to process "${0}": unexpected end of statement while looking for matching single-quote', zh: '无法处理 "${0}"：缺少配对的单引号',
  },
  syntaxMissingDoubleQuote: {
    en: 'failed to process "${0}": unexpected end of statement while looking for matching double-quote', zh: '无法处理 "${0}"：缺少配对的双引号',
  },
  duplicateBuildStageName: { en: 'duplicate name ${0}', zh: '构建阶段名 ${0} 重复了（阶段名不区分大小写）' },
  invalidBuildStageName: {
    en: 'invalid name for build stage: "${0}", name can\'t start with a number or contain symbols',
    zh: '构建阶段名 "${0}" 无效：不能以数字开头，只能用字母、数字、.、_ 和 -',
  },
  flagAtLeastOne: { en: '${0} must be at least 1 (not ${1})', zh: '${0} 至少要是 1（现在是 ${1}）' },
  flagDuplicate: { en: 'Duplicate flag specified: ${0}', zh: '选项重复：${0}' },
  flagInvalidDuration: { en: 'time: invalid duration ${0}', zh: '无效的时长 ${0}（例如 30s、1m30s）' },
  flagInvalidFrom: { en: 'invalid from flag value ${0}: invalid reference format', zh: '--from 的值 ${0} 无效：既不是阶段名也不是合法的镜像名' },
  flagExpectedBooleanValue: { en: 'expecting boolean value for flag ${0}, not: ${1}', zh: '选项 ${0} 需要布尔值（true 或 false），而不是 ${1}' },
  flagLessThan1ms: { en: 'Interval "${0}" cannot be less than 1ms', zh: '间隔 "${0}" 不能小于 1ms' },
  flagMissingDuration: { en: 'time: missing unit in duration ${0}', zh: '时长 ${0} 缺少单位（例如 30s、5m）' },
  flagMissingValue: { en: 'Missing a value on flag: ${0}', zh: '选项缺少值：${0}' },
  flagUnknown: { en: 'Unknown flag: ${0}', zh: '未知选项：${0}' },
  flagUnknownUnit: { en: 'time: unknown unit ${0} in duration ${1}', zh: '时长 ${1} 中的单位 ${0} 无法识别（可用 ms、s、m、h）' },
  instructionExtraArgument: { en: 'Instruction has an extra argument', zh: '指令多了一个参数' },
  instructionMissingArgument: { en: 'Instruction has no arguments', zh: '指令缺少参数' },
  instructionMultiple: {
    en: 'There can only be one ${0} instruction in a Dockerfile or build stage. Only the last one will have an effect.',
    zh: '一个 Dockerfile 或构建阶段里只能有一条 ${0}，只有最后一条生效',
  },
  instructionRequiresOneArgument: { en: '${0} requires exactly one argument', zh: '${0} 只能有一个参数' },
  instructionRequiresAtLeastOneArgument: { en: '${0} requires at least one argument', zh: '${0} 至少需要一个参数' },
  instructionRequiresAtLeastTwoArguments: { en: '${0} requires at least two arguments', zh: '${0} 至少需要两个参数（源和目标）' },
  instructionRequiresTwoArguments: { en: '${0} must have two arguments', zh: '${0} 必须有两个参数' },
  instructionUnnecessaryArgument: { en: '${0} takes no arguments', zh: '${0} 不接受参数' },
  instructionUnknown: { en: 'Unknown instruction: ${0}', zh: '未知指令：${0}' },
  instructionCasing: { en: 'Instructions should be written in uppercase letters', zh: '指令应当用大写字母书写（小写也能用，但大写是惯例，便于和参数区分）' },
  instructionJSONInSingleQuotes: {
    en: 'Instruction written as a JSON array but is using single quotes instead of double quotes',
    zh: '写成了 JSON 数组却用了单引号：JSON 只认双引号，这一行会被当成 shell 格式执行',
  },
  variableModifierUnsupported: { en: 'failed to process "${0}": unsupported modifier (${1}) in substitution', zh: '无法处理 "${0}"：变量替换不支持修饰符 ${1}（可用 :- 和 :+）' },
  onbuildChainingDisallowed: { en: 'Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed', zh: '不能写 `ONBUILD ONBUILD`' },
  onbuildTriggerDisallowed: { en: '${0} isn\'t allowed as an ONBUILD trigger', zh: '${0} 不能作为 ONBUILD 的触发指令' },
  shellJsonForm: { en: 'SHELL requires the arguments to be in JSON form', zh: 'SHELL 的参数必须写成 JSON 数组，例如 ["/bin/bash", "-c"]' },
  shellRequiresOne: { en: 'SHELL requires at least one argument', zh: 'SHELL 至少需要一个参数' },
  deprecatedMaintainer: { en: 'MAINTAINER has been deprecated', zh: 'MAINTAINER 已废弃，请改用 LABEL org.opencontainers.image.authors="…"' },
  healthcheckCmdArgumentMissing: { en: 'Missing command after HEALTHCHECK CMD', zh: 'HEALTHCHECK CMD 后面缺少检查命令' },
  healthcheckTypeUnknown: { en: 'Unknown type"${0}" in HEALTHCHECK (try CMD)', zh: 'HEALTHCHECK 中的类型 "${0}" 无法识别（应为 CMD 或 NONE）' },
  workdirPathNotAbsolute: { en: 'WORKDIR paths should be absolute', zh: 'WORKDIR 应当写绝对路径：相对路径会叠加在上一个 WORKDIR 之上' },
};

const templates = Object.entries(VALIDATOR_MESSAGES).map(([key, message]) => {
  const pattern = message.en.split(/\$\{\d\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(.*?)');
  const order = [...message.en.matchAll(/\$\{(\d)\}/g)].map((m) => Number(m[1]));
  return { key, message, regex: new RegExp(`^${pattern}$`, 's'), order };
  // Templates without values first: "SHELL requires at least one argument" is its own message, not "${0} requires …".
}).sort((a, b) => a.order.length - b.order.length);

/** A dockerfile-utils message in the given language (unchanged when no template matches, e.g. a newer library). */
export function translateValidatorMessage(message: string, lang: DocLang): { key?: string; text: string } {
  for (const template of templates) {
    const match = template.regex.exec(message);
    if (!match) continue;
    const values: string[] = [];
    template.order.forEach((index, group) => { values[index] = match[group + 1]; });
    return { key: template.key, text: template.message[lang].replace(/\$\{(\d)\}/g, (_, n: string) => values[Number(n)] ?? '') };
  }
  return { text: message };
}

/** Which lesson topic a validator message is about, beyond the instruction it sits on. */
const VALIDATOR_TOPICS: Readonly<Record<string, () => LessonTopic>> = {
  instructionJSONInSingleQuotes: () => ({ key: 'CMD', mentions: [/双引号/] }),
  duplicateBuildStageName: topics.stages,
  invalidBuildStageName: topics.stages,
  invalidAs: topics.stages,
  baseNameEmpty: () => topics.instruction('ARG'),
  flagInvalidFrom: () => topics.dockerfileFlag('COPY', 'from'),
  deprecatedMaintainer: () => topics.instruction('LABEL'),
};

// ── our checks ───────────────────────────────────────────────────────────────

const OWN = {
  'apt-update-alone': {
    zh: '`apt-get update` 和 `apt-get install` 不在同一条 RUN 里：update 那一层会被缓存，以后改了 install 也装不到新版本的包。写成 `RUN apt-get update && apt-get install -y …`',
    en: '`apt-get update` is not in the same RUN as `apt-get install`: the update layer gets cached, so a changed install later gets stale packages. Write `RUN apt-get update && apt-get install -y …`',
  },
  'latest-tag': {
    zh: '基础镜像 {0} 没有固定版本（默认就是 latest）：latest 随时会指向新版本，今天能构建的 Dockerfile 明天可能失败。写出具体标签，例如 {1}',
    en: 'Base image {0} is not pinned (no tag means latest): latest moves to new releases, so a Dockerfile that builds today may fail tomorrow. Write a tag, e.g. {1}',
  },
  'add-for-copy': {
    zh: '这里 `ADD` 只是复制本地文件：用 `COPY` 更清楚。`ADD` 只在需要自动解压本地 tar 包或下载远程文件时使用',
    en: 'This `ADD` only copies local files: `COPY` says so more clearly. Keep `ADD` for unpacking a local tar archive or fetching remote content',
  },
  'entrypoint-shell-form': {
    zh: 'shell 格式的 ENTRYPOINT 由 /bin/sh -c 启动：主进程是 sh，收不到 docker stop 的 SIGTERM，CMD 和 docker run 的参数也会被忽略。改用 exec 格式 ["程序", "参数"]',
    en: 'A shell-form ENTRYPOINT runs under /bin/sh -c: sh is the main process, it does not get docker stop\'s SIGTERM, and CMD and docker run arguments are ignored. Use the exec form ["program", "arg"]',
  },
  'env-legacy-format': {
    zh: '`ENV key value` 是旧写法（BuildKit 会报 LegacyKeyValueFormat）：一条只能设一个变量，值里的空格也容易出错。写成 `ENV key=value`',
    en: '`ENV key value` is the legacy form (BuildKit reports LegacyKeyValueFormat): one variable per line, and spaces in the value are easy to get wrong. Write `ENV key=value`',
  },
} as const satisfies Record<string, Localized>;
export type OwnCode = keyof typeof OWN;
export const OWN_CODES = Object.keys(OWN) as OwnCode[];

const OWN_TOPICS: Readonly<Record<OwnCode, () => LessonTopic[]>> = {
  'apt-update-alone': () => [{ key: 'RUN', mentions: [/apt-get/] }, topics.instruction('RUN')],
  'latest-tag': () => [{ key: 'docker image tag', mentions: [/基础镜像与标签/] }, topics.instruction('FROM')],
  'add-for-copy': () => [topics.instruction('ADD')],
  'entrypoint-shell-form': () => [{ key: 'ENTRYPOINT', mentions: [/shell\/exec|shell 格式/] }, topics.instruction('ENTRYPOINT')],
  'env-legacy-format': () => [topics.instruction('ENV')],
};

const FIX_TITLES = {
  mergeApt: { zh: '与下一条 RUN 合并：apt-get update && …', en: 'Merge with the next RUN: apt-get update && …' },
  useCopy: { zh: '把 ADD 改成 COPY', en: 'Change ADD to COPY' },
  execForm: { zh: '改成 exec 格式：{0}', en: 'Use the exec form: {0}' },
  envEquals: { zh: '改成 ENV {0}', en: 'Change to ENV {0}' },
  label: { zh: '改成 LABEL org.opencontainers.image.authors', en: 'Change to LABEL org.opencontainers.image.authors' },
  doubleQuotes: { zh: '改用双引号：{0}', en: 'Use double quotes: {0}' },
} as const satisfies Record<string, Localized>;

const SEVERITIES = ['error', 'error', 'warning', 'info', 'hint'] as const;

/** Every diagnostic of a Dockerfile, in document order. */
export function lintDockerfile(text: string, lang: DocLang, options: LintOptions = {}): LintDiagnostic[] {
  const dockerfile = loadParser().parse(text);
  const instructionAt = (line: number) => dockerfile.getInstructions().find((i) => i.getRange().start.line <= line && line <= i.getRange().end.line);
  const found: LintDiagnostic[] = [];

  for (const diagnostic of loadUtils().validate(text)) {
    const code = loadUtils().ValidationCode[Number(diagnostic.code)] ?? String(diagnostic.code);
    const { key, text: message } = translateValidatorMessage(String(diagnostic.message), lang);
    const keyword = instructionAt(diagnostic.range.start.line)?.getKeyword();
    const wanted = [key && VALIDATOR_TOPICS[key]?.(), keyword && topics.instruction(keyword)].filter((t): t is LessonTopic => !!t);
    const instruction = instructionAt(diagnostic.range.start.line);
    const fixes = key === 'deprecatedMaintainer' ? maintainerFix(instruction, lang)
      : key === 'instructionJSONInSingleQuotes' ? doubleQuotesFix(instruction, lang) : [];
    found.push({
      code, source: 'dockerfile-utils', severity: SEVERITIES[diagnostic.severity ?? 1], range: diagnostic.range, message, fixes,
      ...(diagnostic.tags?.length ? { tags: diagnostic.tags.map((tag) => (tag === 1 ? 'unnecessary' as const : 'deprecated' as const)) } : {}),
      ...lessonOf(options, wanted),
    });
  }

  const own = (code: OwnCode, range: TextRange, fixes: LintFix[], ...values: string[]) => found.push({
    code, source: 'docker-lessons', severity: 'warning', range, fixes,
    message: OWN[code][lang].replace(/\{(\d)\}/g, (_, n: string) => values[Number(n)] ?? ''),
    ...lessonOf(options, OWN_TOPICS[code]()),
  });
  const instructions = dockerfile.getInstructions();
  const stageNames = new Set<string>();
  for (const [index, instruction] of instructions.entries()) {
    switch (instruction.getKeyword()) {
      case 'RUN': aptUpdateAlone(dockerfile, instruction, instructions[index + 1], lang, own); break;
      case 'FROM': latestTag(instruction as From, stageNames, own); break;
      case 'ADD': addForCopy(instruction as Add, lang, own); break;
      case 'ENTRYPOINT': shellFormEntrypoint(instruction as Entrypoint, lang, own); break;
      case 'ENV': legacyEnv(instruction as Env, lang, own); break;
    }
  }
  return found.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function lessonOf(options: LintOptions, wanted: readonly LessonTopic[]): { lesson?: LessonRef } {
  const lesson = wanted.length > 0 ? options.lessonFor?.(wanted) : undefined;
  return lesson ? { lesson } : {};
}

type Report = (code: OwnCode, range: TextRange, fixes: LintFix[], ...values: string[]) => void;

const APT_UPDATE = /\b(apt-get|apt)\s+(?:-\S+\s+)*update\b/;
const APT_INSTALL = /\b(apt-get|apt)\s+(?:-\S+\s+)*(install|upgrade|dist-upgrade)\b/;

function aptUpdateAlone(dockerfile: Dockerfile, run: Instruction, next: Instruction | undefined, lang: DocLang, report: Report): void {
  const content = run.getArgumentsContent() ?? '';
  if (isJsonForm(content) || !APT_UPDATE.test(content) || APT_INSTALL.test(content)) return;
  const argsRange = run.getArgumentsRange();
  if (!argsRange) return;
  const fixes: LintFix[] = [];
  const nextContent = next?.getKeyword() === 'RUN' ? next.getArgumentsContent() ?? '' : '';
  const nextArgs = next?.getArgumentsRange();
  if (next && nextArgs && APT_INSTALL.test(nextContent) && !isJsonForm(nextContent) && flagsCount(next) === 0) {
    // Replace the end of this RUN up to the next one's arguments with a continuation: one RUN, one layer.
    const escape = dockerfile.getEscapeCharacter();
    fixes.push({ title: FIX_TITLES.mergeApt[lang], edits: [{ range: { start: argsRange.end, end: nextArgs.start }, newText: ` ${escape}\n    && ` }] });
  }
  report('apt-update-alone', argsRange, fixes);
}

function latestTag(from: From, stageNames: Set<string>, report: Report): void {
  const image = from.getImageName();
  const range = from.getImageRange();
  const stage = from.getBuildStage();
  if (image && range && !image.includes('$') && image.toLowerCase() !== 'scratch' && !stageNames.has(image.toLowerCase())
    && !from.getImageDigest() && (from.getImageTag() ?? 'latest') === 'latest') {
    const example = /^(?:library\/)?ubuntu$/.test(image) ? 'ubuntu:24.04' : `${image}:<version>`;
    report('latest-tag', range, [], `\`${from.getImage() ?? image}\``, `\`${example}\``);
  }
  if (stage) stageNames.add(stage.toLowerCase());
}

/** ADD unpacks local tar archives and fetches URLs and Git repositories; for anything else it is a COPY. */
const ADD_ONLY_SOURCE = /^(https?|git|ssh):\/\/|^git@|\.git(#.*)?$|\.(tar|tgz|tbz2?|txz|tzst|taz|tb2)$|\.tar\.(gz|bz2|xz|zst|lz4)$/i;

function addForCopy(add: Add, lang: DocLang, report: Report): void {
  const flags = (add as Instruction & { getFlags(): { getName(): string }[] }).getFlags().map((flag) => flag.getName());
  if (flags.includes('checksum') || flags.includes('keep-git-dir')) return;
  const content = add.getArgumentsContent() ?? '';
  if (content.includes('<<')) return;
  let sources: string[];
  if (isJsonForm(content)) {
    try {
      sources = (JSON.parse(content) as string[]).slice(0, -1);
    } catch {
      return;
    }
  } else {
    sources = add.getArguments().map((arg) => arg.getValue()).filter((value) => !value.startsWith('--')).slice(0, -1);
  }
  // An archive may hide behind a variable or a wildcard: only plain paths are sure to be copies.
  if (sources.length === 0 || sources.some((source) => ADD_ONLY_SOURCE.test(source) || /[$*?[]/.test(source))) return;
  const keyword = add.getInstructionRange();
  const written = add.getInstruction();
  report('add-for-copy', keyword, [{ title: FIX_TITLES.useCopy[lang], edits: [{ range: keyword, newText: written === written.toLowerCase() ? 'copy' : 'COPY' }] }]);
}

function shellFormEntrypoint(entrypoint: Entrypoint, lang: DocLang, report: Report): void {
  const content = entrypoint.getArgumentsContent();
  const range = entrypoint.getArgumentsRange();
  if (!content || !range || isJsonForm(content)) return;
  const fixes: LintFix[] = [];
  // Mechanical only when the words mean the same without a shell: no variables, globs, operators or substitutions.
  const parsed = parseShell(content);
  const unquoted = content.replace(/'[^']*'|"(?:[^"\\$`]|\\.)*"/g, "''");
  if (range.start.line === range.end.line && parsed.segments.length === 1 && parsed.substitutions.length === 0
    && !/[$`]/.test(content) && !/[*?|&;<>(){}~]/.test(unquoted)) {
    const json = `[${parsed.segments[0].words.map((word) => JSON.stringify(word.text)).join(', ')}]`;
    fixes.push({ title: FIX_TITLES.execForm[lang].replace('{0}', json), edits: [{ range, newText: json }] });
  }
  report('entrypoint-shell-form', range, fixes);
}

function legacyEnv(env: Env, lang: DocLang, report: Report): void {
  const args = env.getArguments();
  const range = env.getArgumentsRange();
  if (args.length === 0 || !range || args[0].getValue().includes('=')) return;
  const fixes: LintFix[] = [];
  const name = args[0].getValue();
  const content = env.getArgumentsContent() ?? '';
  const rest = content.slice(content.indexOf(name) + name.length).trim();
  const value = /^\S+$/.test(rest) || /^"[^"\\]*"$/.test(rest) || /^'[^']*'$/.test(rest) ? rest
    : /^[^"\\'`]*$/.test(rest) ? `"${rest}"` : undefined;
  if (value !== undefined && range.start.line === range.end.line) {
    const replacement = `${name}=${value}`;
    fixes.push({ title: FIX_TITLES.envEquals[lang].replace('{0}', replacement), edits: [{ range, newText: replacement }] });
  }
  report('env-legacy-format', range, fixes);
}

function maintainerFix(instruction: Instruction | undefined, lang: DocLang): LintFix[] {
  const content = instruction?.getArgumentsContent();
  if (!instruction || !content || instruction.getRange().start.line !== instruction.getRange().end.line) return [];
  const author = content.trim().replace(/^"(.*)"$/, '$1').replace(/["\\]/g, '\\$&');
  return [{ title: FIX_TITLES.label[lang], edits: [{ range: instruction.getRange(), newText: `LABEL org.opencontainers.image.authors="${author}"` }] }];
}

/** `CMD ['a', 'b']` → `CMD ["a", "b"]` when no string holds a quote of its own. */
function doubleQuotesFix(instruction: Instruction | undefined, lang: DocLang): LintFix[] {
  const range = instruction?.getArgumentsRange();
  const content = instruction?.getArgumentsContent();
  if (!range || !content || range.start.line !== range.end.line || content.includes('"') || /'[^',\]]*'[^,\]\s]/.test(content)) return [];
  const json = content.replace(/'/g, '"');
  return [{ title: FIX_TITLES.doubleQuotes[lang].replace('{0}', json), edits: [{ range, newText: json }] }];
}

function isJsonForm(content: string): boolean {
  return content.trimStart().startsWith('[');
}

function flagsCount(instruction: Instruction): number {
  const withFlags = instruction as Instruction & { getFlags?(): unknown[] };
  return withFlags.getFlags?.().length ?? 0;
}
