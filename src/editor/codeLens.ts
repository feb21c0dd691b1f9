// Find the docker commands in a Markdown note's shell code blocks, for the ▶ Run-in-terminal CodeLens: fences of
// language bash/sh/shell/console (or none), prompts (`$ `, `# `, `user@host:~$ `) stripped, `\` continuations joined,
// heredocs kept, and output lines skipped (in a block that shows prompts, only prompted lines are commands).
// Pure: no vscode.
import MarkdownIt from 'markdown-it';
import { findDockerInvocations, matchPrompt } from './cliHover';

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

export interface DockerCommandSnippet {
  /** Document lines (0-based) where the command starts and ends (continuations and heredocs included). */
  line: number;
  endLine: number;
  /** The command to type: prompt removed, `\` continuations joined into one line, heredoc bodies kept. */
  command: string;
  /** Removes things or leaves the swarm: ask before running. */
  destructive: boolean;
}

const markdownParser = new MarkdownIt({ html: false });

/** The fenced code blocks whose language is a shell (the first word of the info string, Runme-style `sh { … }` too). */
export function shellFences(markdown: string): ShellFence[] {
  const fences: ShellFence[] = [];
  for (const token of markdownParser.parse(markdown, {})) {
    if (token.type !== 'fence' || !token.map) continue;
    const language = token.info.trim().split(/[\s{]/, 1)[0].toLowerCase();
    if (!SHELL_FENCE_LANGUAGES.has(language)) continue;
    const lines = token.content.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    fences.push({ firstLine: token.map[0] + 1, lines, language });
  }
  return fences;
}

/** True when a document line lies inside a shell fence's content. */
export function isInShellFence(fences: readonly ShellFence[], line: number): boolean {
  return fences.some((fence) => line >= fence.firstLine && line < fence.firstLine + fence.lines.length);
}

const DOCKER_START = /^(?:sudo\s+(?:-\S+\s+)*)?(?:[A-Za-z_]\w*=\S*\s+)*(?:\S*\/)?docker(?:-compose)?(?:\s|$)/;

export function isDockerCommandLine(text: string): boolean {
  return DOCKER_START.test(text.trim());
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
    // `# ` is also a shell comment: only a docker command after it makes it a root prompt.
    return prompt.char === '$' || isDockerCommandLine(body) ? body : undefined;
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

    // Join `\` continuations.
    const parts = [body];
    while (endsWithContinuation(lines[i]) && i + 1 < lines.length) {
      i++;
      parts.push(lines[i]);
    }
    let command = parts.map((part, k) => (k < parts.length - 1 ? part.replace(/\\\r?$/, '') : part).trim())
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

    if (!isDockerCommandLine(command)) continue;
    found.push({ line: fence.firstLine + first, endLine: fence.firstLine + i - 1, command, destructive: isDestructiveCommand(command) });
  }
  return found;
}

function endsWithContinuation(line: string): boolean {
  return /\\\r?$/.test(line) && !/\\\\\r?$/.test(line);
}

/** rm -f, rmi / image rm, any prune, swarm leave, volume rm, compose down -v: these lose data or state. */
export function isDestructiveCommand(command: string): boolean {
  for (const invocation of findDockerInvocations(command)) {
    const path = invocation.command?.path;
    if (!path) continue;
    const flags = new Set(invocation.items.flatMap((item) => (item.kind === 'flag' ? [item.flag.long ?? item.flag.short] : [])));
    if (path === 'container rm' && flags.has('force')) return true;
    if (path === 'image rm' || path === 'volume rm' || path === 'swarm leave') return true;
    if (path.endsWith(' prune')) return true;
    if (path === 'compose down' && flags.has('volumes')) return true;
  }
  return false;
}
