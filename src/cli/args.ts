// Command-line parsing for `docker-lessons`, on node's util.parseArgs. Pure: returns a parsed command or a usage
// error; main.ts turns usage errors into exit code 2.
import { parseArgs } from 'util';
import { t } from '../i18n';

export const COMMANDS = ['list', 'show', 'run', 'check', 'solution', 'reset', 'lint', 'images', 'explain', 'doctor'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface GlobalOptions {
  json: boolean;
  lang?: string;
  lessons?: string;
  host?: string;
  workDir?: string;
  help: boolean;
}

export interface ParsedCommand {
  command?: CommandName;
  /** The lesson (id, order number or file prefix) for show/run/check/reset. */
  lesson?: string;
  /** lint: files or folders; explain: the Dockerfile or notes to explain. */
  files: string[];
  global: GlobalOptions;
  step?: string;
  from?: string;
  skip: string[];
  vars: Record<string, string>;
  yes: boolean;
  dryRun: boolean;
  keepGoing: boolean;
  force: boolean;
  /** run: challenges run their setup and reference solution (otherwise a run stops at the first challenge). */
  solutions: boolean;
  /** run --step X --redo: the steps X needs first, then X (the lesson page's redo). */
  redo: boolean;
  version: boolean;
  /** images: catalog names to prepare (all when empty), --list, --force-standins, --no-pull, --catalog. */
  images: { only: string[]; list: boolean; forceStandins: boolean; noPull: boolean; catalog?: string };
  /** doctor: another daemon.json than the platform's (--daemon-config), seconds per registry probe (--timeout). */
  doctor: { daemonConfig?: string; timeoutSeconds?: number };
}

export class UsageError extends Error {
  constructor(message: string, readonly command?: CommandName) {
    super(message);
    this.name = 'UsageError';
  }
}

const GLOBAL_OPTIONS = {
  json: { type: 'boolean' },
  lang: { type: 'string' },
  lessons: { type: 'string' },
  host: { type: 'string' },
  'work-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

const COMMAND_OPTIONS = {
  list: {},
  show: {},
  run: {
    step: { type: 'string' }, from: { type: 'string' }, skip: { type: 'string', multiple: true },
    var: { type: 'string', multiple: true }, yes: { type: 'boolean', short: 'y' },
    'keep-going': { type: 'boolean' }, force: { type: 'boolean' }, solutions: { type: 'boolean' }, redo: { type: 'boolean' },
  },
  check: { step: { type: 'string' }, var: { type: 'string', multiple: true } },
  solution: { step: { type: 'string' }, var: { type: 'string', multiple: true } },
  reset: { yes: { type: 'boolean', short: 'y' }, 'dry-run': { type: 'boolean' } },
  lint: {},
  images: {
    only: { type: 'string', multiple: true }, list: { type: 'boolean' }, 'force-standins': { type: 'boolean' },
    'no-pull': { type: 'boolean' }, catalog: { type: 'string' },
  },
  explain: {},
  doctor: { 'daemon-config': { type: 'string' }, timeout: { type: 'string' } },
} as const;

/** `port=8081` pairs; the name must look like a lesson variable. */
export function parseVars(pairs: readonly string[], command?: CommandName): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const pair of pairs) {
    const match = /^([A-Za-z_]\w*)=(.*)$/s.exec(pair);
    if (!match) throw new UsageError(t('--var {0}: expected name=value, e.g. --var port=8081', pair), command);
    vars[match[1]] = match[2];
  }
  return vars;
}

export function parseCommandLine(argv: readonly string[]): ParsedCommand {
  // Global options may come before the command; find the command word skipping values of string options.
  let commandIndex = -1;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    if (arg.startsWith('-')) {
      const name = arg.replace(/^--?/, '').split('=')[0];
      const spec = (GLOBAL_OPTIONS as Record<string, { type: string }>)[name];
      if (spec?.type === 'string' && !arg.includes('=')) i++;
      continue;
    }
    commandIndex = i;
    break;
  }
  const word = commandIndex >= 0 ? argv[commandIndex] : undefined;
  if (word !== undefined && !(COMMANDS as readonly string[]).includes(word)) {
    throw new UsageError(t('unknown command "{0}" (commands: {1})', word, COMMANDS.join(', ')));
  }
  const command = word as CommandName | undefined;
  const rest = commandIndex >= 0 ? [...argv.slice(0, commandIndex), ...argv.slice(commandIndex + 1)] : [...argv];

  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...GLOBAL_OPTIONS, ...(command ? COMMAND_OPTIONS[command] : {}) },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0], command);
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const positionals = parsed.positionals;
  const str = (name: string) => values[name] as string | undefined;
  const bool = (name: string) => values[name] === true;
  const list = (name: string) => ((values[name] as string[] | undefined) ?? []);

  const result: ParsedCommand = {
    command,
    files: [],
    global: {
      json: bool('json'), lang: str('lang'), lessons: str('lessons'), host: str('host'), workDir: str('work-dir'),
      help: bool('help'),
    },
    skip: list('skip').flatMap((value) => value.split(',')).map((id) => id.trim()).filter(Boolean),
    vars: {},
    step: str('step'),
    from: str('from'),
    yes: bool('yes'),
    dryRun: bool('dry-run'),
    keepGoing: bool('keep-going'),
    force: bool('force'),
    solutions: bool('solutions'),
    redo: bool('redo'),
    version: bool('version'),
    images: {
      only: list('only').flatMap((value) => value.split(',')).map((name) => name.trim()).filter(Boolean),
      list: bool('list'), forceStandins: bool('force-standins'), noPull: bool('no-pull'), catalog: str('catalog'),
    },
    doctor: { daemonConfig: str('daemon-config') },
  };
  if (result.global.lang !== undefined && !['en', 'zh-cn'].includes(result.global.lang.toLowerCase())) {
    throw new UsageError(t('--lang {0}: use en or zh-cn', result.global.lang), command);
  }
  if (result.global.help || result.version || !command) return result;

  result.vars = parseVars(list('var'), command);
  if (command === 'lint') {
    result.files = positionals;
  } else if (command === 'explain') {
    if (positionals.length === 0) throw new UsageError(t('explain: name a Dockerfile or a Markdown note'), command);
    result.files = positionals;
  } else if (command === 'list') {
    if (positionals.length > 0) throw new UsageError(t('list takes no arguments (got "{0}")', positionals[0]), command);
  } else if (command === 'images') {
    if (positionals.length > 0) throw new UsageError(t('images takes no arguments (got "{0}"); name images with --only', positionals[0]), command);
  } else if (command === 'doctor') {
    if (positionals.length > 0) throw new UsageError(t('doctor takes no arguments (got "{0}")', positionals[0]), command);
    const timeout = str('timeout');
    if (timeout !== undefined) {
      const seconds = Number(timeout);
      if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 120) throw new UsageError(t('--timeout {0}: give the seconds per registry, e.g. --timeout 5', timeout), command);
      result.doctor.timeoutSeconds = seconds;
    }
  } else {
    if (positionals.length === 0) throw new UsageError(t('{0}: name the lesson (its id or number)', command), command);
    if (positionals.length > 1) throw new UsageError(t('{0}: one lesson at a time (got {1})', command, positionals.join(' ')), command);
    result.lesson = positionals[0];
  }
  if (result.step && result.from) throw new UsageError(t('--step and --from cannot be combined'), command);
  if (result.redo && !result.step) throw new UsageError(t('--redo needs --step: the step whose prerequisites to run again'), command);
  return result;
}

/** `--lang x` / `--lang=x` before full parsing, so usage errors are already in the right language. */
export function langFromArgv(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') break;
    if (argv[i] === '--lang') return argv[i + 1];
    if (argv[i].startsWith('--lang=')) return argv[i].slice('--lang='.length);
  }
  return undefined;
}
