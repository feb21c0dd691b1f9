// Running a step's shell command: a detached process group (so a timeout or cancel stops `docker` and everything the
// shell started), streamed and bounded output, `stopAfter` for foreground servers, and a pseudo-terminal through
// util-linux `script` for interactive steps run headless.
import { spawn, spawnSync } from 'child_process';
import { t } from '../i18n';

/** Keep at most this much of each stream (the tail), so a chatty command cannot exhaust memory. */
export const MAX_CAPTURE_BYTES = 1024 * 1024;
/** How long a process group has to exit after SIGTERM before it gets SIGKILL. */
const KILL_GRACE_MS = 3000;
/** Pause between lines typed into an interactive step's terminal (the program must be ready to read them). */
const INPUT_DELAY_MS = 400;

// eslint-disable-next-line no-control-regex
const TERMINAL_QUERIES = /\u001b\[\??6n|\u001b\[>?c/g;

export interface ProcessOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Stop a long-running foreground command after this long and count it a success. */
  stopAfterMs?: number;
  signal?: AbortSignal;
  /** Lines typed into a pseudo-terminal (runs the command under `script`). */
  input?: string[];
  onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
}

export interface ProcessResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** The timeout fired and the process group was killed. */
  timedOut: boolean;
  /** stopAfter fired: the command was stopped on purpose. */
  stopped: boolean;
  cancelled: boolean;
  /** The process could not start (e.g. `script` missing). */
  spawnError?: string;
}

/** Appends text but keeps only the last `limit` characters. */
export class TailBuffer {
  private text = '';
  truncated = false;
  constructor(private readonly limit = MAX_CAPTURE_BYTES) {}
  push(chunk: string): void {
    this.text += chunk;
    if (this.text.length > this.limit) {
      this.text = this.text.slice(this.text.length - this.limit);
      this.truncated = true;
    }
  }
  toString(): string {
    return this.text;
  }
}

let scriptAvailable: boolean | undefined;
/** util-linux `script` gives an interactive step the real terminal that `docker run -it` insists on. */
/** A word for /bin/sh, single-quoted. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function hasScript(): boolean {
  scriptAvailable ??= spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
  return scriptAvailable;
}

export function missingScriptMessage(): string {
  return t('Interactive steps need the `script` command from util-linux to get a terminal. Install util-linux (e.g. `apt-get install util-linux` or `apk add util-linux`), or run the step in a terminal yourself.');
}

export function runShell(command: string, options: ProcessOptions): Promise<ProcessResult> {
  const interactive = options.input !== undefined;
  if (interactive && !hasScript()) {
    return Promise.resolve({ exitCode: null, stdout: '', stderr: '', timedOut: false, stopped: false, cancelled: false,
      spawnError: missingScriptMessage() });
  }
  const [file, args] = interactive
    ? ['script', ['-qefc', command, '/dev/null']]
    : ['/bin/sh', ['-c', command]];

  return new Promise((resolve) => {
    const stdout = new TailBuffer();
    const stderr = new TailBuffer();
    let timedOut = false;
    let stopped = false;
    let cancelled = false;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];

    const child = spawn(file, args as string[], {
      cwd: options.cwd,
      env: options.env,
      detached: true, // own process group, so we can signal the whole group
      stdio: [interactive ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });

    const killGroup = (signal: NodeJS.Signals, evenAfterExit = false) => {
      if (child.pid === undefined) return;
      if (!evenAfterExit && (child.exitCode !== null || child.signalCode !== null)) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // the group is already gone
      }
    };
    const stop = () => {
      killGroup('SIGTERM');
      const hard = setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS);
      hard.unref();
      timers.push(hard);
    };

    child.stdout!.setEncoding('utf8');
    child.stderr!.setEncoding('utf8');
    child.stdout!.on('data', (raw: string) => {
      // Under `script`, shells ask the terminal for the cursor position (ESC[6n); nobody answers, so drop the query.
      const chunk = interactive ? raw.replace(TERMINAL_QUERIES, '') : raw;
      stdout.push(chunk);
      options.onOutput?.(chunk, 'stdout');
    });
    child.stderr!.on('data', (chunk: string) => {
      stderr.push(chunk);
      options.onOutput?.(chunk, 'stderr');
    });

    timers.push(setTimeout(() => { timedOut = true; stop(); }, options.timeoutMs));
    if (options.stopAfterMs !== undefined) {
      timers.push(setTimeout(() => { stopped = true; stop(); }, options.stopAfterMs));
    }
    const onAbort = () => { cancelled = true; stop(); };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });

    if (interactive && child.stdin) {
      child.stdin.on('error', () => { /* the program exited before reading everything */ });
      const lines = options.input ?? [];
      lines.forEach((line, index) => {
        timers.push(setTimeout(() => {
          if (!child.stdin!.destroyed) child.stdin!.write(line + '\r');
        }, INPUT_DELAY_MS * (index + 1)));
      });
    }

    const finish = (exitCode: number | null, spawnError?: string) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // Kill leftovers (e.g. a background job the shell started) only when we stopped the command ourselves.
      if (timedOut || stopped || cancelled) killGroup('SIGKILL', true);
      resolve({ exitCode, stdout: stdout.toString(), stderr: stderr.toString(), timedOut, stopped, cancelled, spawnError });
    };
    child.on('error', (error) => finish(null, error.message));
    const exitStatus = (code: number | null, signal: NodeJS.Signals | null) =>
      code ?? (signal ? 128 + (signalNumber(signal) ?? 0) : null);
    child.on('close', (code, signal) => finish(exitStatus(code, signal)));
    // A background job that inherited stdout keeps the pipes open; don't wait for it past the shell's own exit.
    child.on('exit', (code, signal) => {
      const late = setTimeout(() => finish(exitStatus(code, signal)), 500);
      late.unref();
      timers.push(late);
    });
  });
}

function signalNumber(signal: NodeJS.Signals): number | undefined {
  return ({ SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 } as Partial<Record<NodeJS.Signals, number>>)[signal];
}
