// Find the docker commands in a Markdown note's shell code blocks, for the CodeLens: fences of language
// bash/sh/shell/console (or none), prompts (`$ `, `# `, `user@host:~$ `) stripped, `\` continuations joined, heredocs
// kept, trailing `# comments` dropped, and output lines skipped (in a block that shows prompts, only prompted lines are
// commands). A runnable command gets ▶ Run; a usage synopsis or a command with placeholders (`docker pull [选项] …`,
// `容器名`, `<image>`, `...`) gets only ⧉ Copy; text of an ASCII diagram gets nothing. Pure: no vscode.
import MarkdownIt from 'markdown-it';
import { findDockerInvocations, matchPrompt, parseShell } from './cliHover';

export const SHELL_FENCE_LANGUAGES: ReadonlySet<string> = new Set([
  '', 'bash', 'sh', 'shell', 'console', 'zsh', 'shell-session', 'shellsession', 'terminal',
]);

export interface ShellFence {
  /** Document line (0-based) of the first content line. */
  firstLine: number;
  /** Content lines, without the fences. */
  lines: string[];
  language: string;
}

/** What a lens offers: ▶ run it in a terminal, or ⧉ copy it (a synopsis or a command with placeholders to fill in). */
export type LensAction = 'run' | 'copy';

/** Why a command asks first: it deletes things (or leaves the swarm), or it opens the host to a container. */
export type CommandRisk = 'deletes' | 'host-access';

export interface DockerCommandSnippet {
  /** Document lines (0-based) where the command starts and ends (continuations and heredocs included). */
  line: number;
  endLine: number;
  /** The command to type: prompt and trailing comments removed, `\` continuations joined, heredoc bodies kept. */
  command: string;
  action: LensAction;
  /** Set when running it needs a confirmation. */
  risk?: CommandRisk;
}

/** Fences whose content is a Dockerfile (```docker is what the Chinese notes write). */
export const DOCKERFILE_FENCE_LANGUAGES: ReadonlySet<string> = new Set(['dockerfile', 'docker', 'containerfile']);

const markdownParser = new MarkdownIt({ html: false });

/** Every fenced code block, with its language (the first word of the info string, Runme-style `sh { … }` too). */
export function codeFences(markdown: string): ShellFence[] {
  const fences: ShellFence[] = [];
  for (const token of markdownParser.parse(markdown, {})) {
    if (token.type !== 'fence' || !token.map) continue;
    const language = token.info.trim().split(/[\s{]/, 1)[0].toLowerCase();
    const lines = token.content.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    fences.push({ firstLine: token.map[0] + 1, lines, language });
  }
  return fences;
}

/** The fenced code blocks whose language is a shell. */
export function shellFences(markdown: string): ShellFence[] {
  return codeFences(markdown).filter((fence) => SHELL_FENCE_LANGUAGES.has(fence.language));
}

/** True when a document line lies inside a shell fence's content. */
export function isInShellFence(fences: readonly ShellFence[], line: number): boolean {
  return fences.some((fence) => line >= fence.firstLine && line < fence.firstLine + fence.lines.length);
}

/** A command line that runs docker (or the v1 docker-compose) somewhere: first, after `sudo`/`VAR=x`, or in a pipeline. */
export function isDockerCommandLine(text: string): boolean {
  const firstLine = text.split('\n', 1)[0];
  if (findDockerInvocations(firstLine).length > 0) return true;
  return parseShell(firstLine).segments.some((segment) => segment.words.some((word, i) => word.text.endsWith('docker-compose')
    && segment.words.slice(0, i).every((before) => /^[A-Za-z_]\w*=/.test(before.text) || before.text === 'sudo')));
}

export function findDockerCommands(markdown: string): DockerCommandSnippet[] {
  return shellFences(markdown).flatMap(commandsInFence);
}

function commandsInFence(fence: ShellFence): DockerCommandSnippet[] {
  const { lines } = fence;
  const promptBody = (line: string): string | undefined => {
    const prompt = matchPrompt(line);
    if (!prompt) return undefined;
    const body = line.slice(prompt.indent + prompt.length);
    // `# ` is also a shell comment: only a clean docker command after it makes it a root prompt (`# 用 docker ps 查看` is prose).
    return prompt.char === '$' || (isDockerCommandLine(body) && !hasPlaceholder(body)) ? body : undefined;
  };
  // A block that shows `$ ` prompts is a transcript: the unprompted lines are output. (A `# ` line alone does not make
  // one: notes mix root prompts and comments in plain command lists.)
  const transcript = lines.some((line) => matchPrompt(line)?.char === '$');

  const found: DockerCommandSnippet[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = i;
    const prompted = promptBody(lines[i]);
    const body = prompted ?? (transcript ? undefined : lines[i]);
    if (body === undefined) { i++; continue; }

    // Join `\` continuations; a trailing `# comment` is not part of what the terminal should get.
    const parts = [body];
    while (endsWithContinuation(lines[i]) && i + 1 < lines.length) {
      i++;
      parts.push(lines[i]);
    }
    let command = parts.map((part, k) => stripComment(k < parts.length - 1 ? part.replace(/\\\r?$/, '') : part).trim())
      .filter((part) => part.length > 0).join(' ');

    // Keep a heredoc's body: `docker build -t x - <<EOF` … `EOF`.
    const heredoc = /<<(-?)\s*(['"]?)([A-Za-z_][\w-]*)\2/.exec(command);
    if (heredoc) {
      const terminator = heredoc[3];
      const body: string[] = [];
      while (i + 1 < lines.length) {
        i++;
        const text = lines[i];
        if ((heredoc[1] ? text.replace(/^\t+/, '') : text).trim() === terminator) { body.push(terminator); break; }
        body.push(text);
      }
      command = [command, ...body].join('\n');
    }
    i++;

    if (!isDockerCommandLine(command) || isDiagramLine(lines[first])) continue;
    const action: LensAction = hasPlaceholder(command) ? 'copy' : 'run';
    const risk = commandRisk(command);
    found.push({ line: fence.firstLine + first, endLine: fence.firstLine + i - 1, command, action, ...(risk ? { risk } : {}) });
  }
  return found;
}

/** The line without an unquoted `# comment` at its end (a `#` that starts a word, outside quotes). */
export function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"') i++;
    } else if (ch === '\\') i++;
    else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i).trimEnd();
  }
  return line;
}

/** Box-drawing or arrows, or two commands side by side with no operator between them: a picture, not a command. */
function isDiagramLine(line: string): boolean {
  const text = stripComment(line);
  return /[─━│┃┌┐└┘├┤┬┴┼═║╔╗╚╝╠╣╦╩╬→←↑↓⇒⟶▶◀]|-{3,}>|<-{3,}|={3,}>/.test(text)
    || /[^\s&|;(]\s{2,}(?:sudo\s+)?docker(?:\s|$)/.test(text.trim());
}

/** Words a usage synopsis uses for what the reader fills in. */
const SYNOPSIS_WORDS = new Set(['OPTIONS', 'IMAGE', 'CONTAINER', 'COMMAND', 'ARG', 'NAME', 'TAG', 'PATH', 'URL', 'SERVICE',
  'NETWORK', 'VOLUME', 'REPOSITORY', 'SOURCE_IMAGE', 'TARGET_IMAGE', 'NODE', 'STACK', 'SECRET', 'CONFIG', 'TASK', 'SERVER',
  'TERM', 'DIGEST', 'CONTAINER_ID', 'IMAGE_ID', 'ID', 'SRC_PATH', 'DEST_PATH', 'HOST', 'PORT']);

/**
 * A synopsis or a command with something to fill in: unquoted Chinese (`容器名`, `/宿主机路径`), `[选项]`/`[OPTIONS]`,
 * `<image>`, `...`/`…`, or a synopsis word such as IMAGE or `NAME[:TAG]`. Only the command line is read, not a heredoc body.
 */
export function hasPlaceholder(command: string): boolean {
  const line = command.split('\n', 1)[0];
  const bare = line.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, "''").replace(/\$\([^)]*\)|\$\{[^}]*\}/g, '$x');
  if (/[\u3400-\u9fff\uff00-\uffef]/.test(bare)) return true;
  if (/\.\.\.|…/.test(bare)) return true;
  if (/(^|[^<\w])<[^<>\s]+>/.test(bare)) return true;
  return bare.split(/\s+/).some((word) => /^\[.*\]$/.test(word) && !/^\[\s*-/.test(word)
    || SYNOPSIS_WORDS.has(word.replace(/\[.*$|[|,]$/g, '')) || /^[A-Z][A-Z_]+\[/.test(word));
}

function endsWithContinuation(line: string): boolean {
  return /\\\r?$/.test(line) && !/\\\\\r?$/.test(line);
}

/** Whether running it needs a confirmation, and why. */
export function isDestructiveCommand(command: string): boolean {
  return commandRisk(command) !== undefined;
}

/**
 * `deletes`: rm -f / rm -v, rmi / image rm (-f), any prune (system, volume …), swarm leave, volume rm, compose down -v.
 * `host-access`: --privileged, --pid=host, the host's root or the Docker socket mounted into a container.
 */
export function commandRisk(command: string): CommandRisk | undefined {
  let risk: CommandRisk | undefined;
  for (const invocation of findDockerInvocations(command)) {
    const path = invocation.command?.path;
    if (!path) continue;
    const flags = invocation.items.flatMap((item) => (item.kind === 'flag' ? [item] : []));
    const has = (name: string) => flags.some((item) => (item.flag.long ?? item.flag.short) === name && item.value === undefined);
    const values = (name: string) => flags.filter((item) => item.flag.long === name && item.value !== undefined).map((item) => item.value!);
    if (path === 'container rm' && (has('force') || has('volumes'))) return 'deletes';
    if (path === 'image rm' || path === 'volume rm' || path === 'swarm leave' || path.endsWith(' prune')) return 'deletes';
    if (path === 'compose down' && has('volumes')) return 'deletes';
    const mountsHost = values('volume').some((value) => /^(\/|\/var\/run\/docker\.sock|\/run\/docker\.sock):/.test(value))
      || values('mount').some((value) => /(^|,)(source|src)=(\/|\/var\/run\/docker\.sock|\/run\/docker\.sock)(,|$)/.test(value));
    if (has('privileged') || values('pid').includes('host') || mountsHost) risk = 'host-access';
  }
  return risk;
}
