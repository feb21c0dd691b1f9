// The lesson format, as data. A lesson is `lessons/NN-slug.md`: YAML front matter, Markdown prose, and exercise steps.
//
//   ```bash step id=run-web title="以守护态运行 nginx" timeout=30
//   docker run -d -p {{port}}:80 --name webserver nginx
//   ```
//   ```yaml check
//   - container: webserver
//     state: running
//   - port: { container: webserver, private: 80/tcp, public: "{{port}}" }
//   - http: { url: "http://127.0.0.1:{{port}}/", contains: "Welcome to nginx" }
//   - hint: 端口被占用时，把 8080 换成另一个空闲端口。
//   ```
//
// Fence info: `<lang> step key=value …` opens a step (kind=run|interactive|destructive|explain|edit); the fences that
// directly follow it and are tagged `check`, `input` (interactive: lines typed into the TTY) or `solution` (edit: the
// file a headless run writes) belong to it. `{{name}}` is replaced by the value of a declared variable in the command,
// the edit template and every string of the checks, before validation (so "{{port}}" becomes the number 8080 where a
// number is expected). Nothing in a lesson is code: checks are declarative and evaluated through the Engine API.
import { z } from 'zod';
import zodEnglish from 'zod/v4/locales/en.js';
import zodChinese from 'zod/v4/locales/zh-CN.js';
import { followUiLanguage, t } from '../i18n';
import { VARIABLE_TYPES } from './variables';

followUiLanguage((language) => z.config(language === 'en' ? zodEnglish() : zodChinese()));

const nonEmpty = z.string().min(1);
/** Durations are written "10s", "500ms", "2m" or as a number of seconds. */
export const durationSchema = z.union([
  z.number().positive(),
  z.string().regex(/^\d+(\.\d+)?(ms|s|m)$/, { error: () => t('a duration like "10s", "500ms" or "2m"') }),
]);
export type Duration = z.infer<typeof durationSchema>;

export function durationMs(value: Duration | undefined, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  if (typeof value === 'number') return value * 1000;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(value)!;
  const n = Number(match[1]);
  return match[2] === 'ms' ? n : match[2] === 's' ? n * 1000 : n * 60_000;
}

const textMatch = z.object({
  contains: z.union([z.string(), z.array(z.string())]).optional(),
  notContains: z.union([z.string(), z.array(z.string())]).optional(),
  matches: z.string().optional(), // a JavaScript regular expression source
  equals: z.string().optional(),
}).strict();
export type TextMatch = z.infer<typeof textMatch>;

const numberish = z.coerce.number();
const portSpec = z.union([z.string().regex(/^\d+(\/(tcp|udp|sctp))?$/), z.number().int()]);

/**
 * Where a check applies, for behaviour that differs between engines the course supports: the builder `docker build`
 * uses, the image store, the engine version (`">=25"`, `"<23"`). A check whose condition does not hold on the
 * learner's engine is left out, and the result names the engine variant that applied.
 */
export const checkConditionSchema = z.object({
  builder: z.enum(['buildkit', 'legacy']).optional(),
  imageStore: z.enum(['containerd', 'graphdriver']).optional(),
  engine: z.string().regex(/^\s*(>=|<=|>|<|=)?\s*\d+(\.\d+)?\s*$/, { error: () => t('an engine version range such as ">=25" or "<23"') }).optional(),
}).strict();
export type CheckCondition = z.infer<typeof checkConditionSchema>;

/** Common to every check: an optional hint, a bounded wait and the engines it applies to. */
const common = {
  hint: z.string().optional(),
  when: checkConditionSchema.optional(),
  /** Keep re-evaluating until it passes or this much time has gone (explicit, bounded waits only). */
  within: durationSchema.optional(),
};

export const containerCheck = z.object({
  container: nonEmpty,
  state: z.enum(['running', 'exited', 'paused', 'created', 'restarting', 'absent', 'exists']).optional(),
  exitCode: numberish.optional(),
  /** Image the container was created from, as the user typed it (Config.Image). */
  image: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  restartPolicy: z.object({ name: z.enum(['no', 'always', 'unless-stopped', 'on-failure']), maxRetries: numberish.optional() }).strict().optional(),
  /** RestartCount at least this. */
  minRestarts: numberish.optional(),
  health: z.enum(['starting', 'healthy', 'unhealthy', 'none']).optional(),
  tty: z.boolean().optional(),
  openStdin: z.boolean().optional(),
  env: z.record(z.string(), z.string()).optional(),
  cmd: z.array(z.string()).optional(),
  hostname: z.string().optional(),
  /** HostConfig limits (bytes / NanoCpus / shares). */
  memory: numberish.optional(),
  nanoCpus: numberish.optional(),
  cpuShares: numberish.optional(),
  readOnlyRootfs: z.boolean().optional(),
  networkMode: z.string().optional(),
  /** Name of the container whose state this one must match (same id), e.g. after rename. */
  sameIdAs: z.string().optional(),
  ...common,
}).strict();

export const imageCheck = z.object({
  image: nonEmpty,
  absent: z.boolean().optional(),
  cmd: z.array(z.string()).nullable().optional(),
  entrypoint: z.array(z.string()).nullable().optional(),
  /** Env entries that must be present, KEY: value. */
  env: z.record(z.string(), z.string()).optional(),
  exposedPorts: z.array(portSpec).optional(),
  workdir: z.string().optional(),
  user: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  volumes: z.array(z.string()).optional(),
  healthcheck: z.object({ test: z.array(z.string()).optional(), interval: durationSchema.optional(), retries: numberish.optional() }).strict().optional(),
  stopSignal: z.string().optional(),
  onBuild: z.array(z.string()).optional(),
  author: z.string().optional(),
  comment: z.string().optional(),
  /** Number of layers (RootFS.Layers). */
  layers: numberish.optional(),
  minLayers: numberish.optional(),
  /** Same image id as this other reference. */
  sameAs: z.string().optional(),
  differentFrom: z.string().optional(),
  maxSizeBytes: numberish.optional(),
  /** `docker history` rows (including empty layers) at least / exactly. */
  historyLength: numberish.optional(),
  historyContains: z.string().optional(),
  ...common,
}).strict();

export const portCheck = z.object({
  port: z.object({
    container: nonEmpty,
    private: portSpec,
    public: numberish.optional(),
    /** false: exposed but not published. */
    published: z.boolean().optional(),
  }).strict(),
  ...common,
}).strict();

export const mountCheck = z.object({
  mount: z.object({
    container: nonEmpty,
    destination: nonEmpty,
    type: z.enum(['volume', 'bind', 'tmpfs']).optional(),
    /** Volume name (type volume) or host path (type bind). */
    source: z.string().optional(),
    readOnly: z.boolean().optional(),
  }).strict(),
  ...common,
}).strict();

export const volumeCheck = z.object({
  volume: nonEmpty,
  absent: z.boolean().optional(),
  driver: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  ...common,
}).strict();

export const networkCheck = z.object({
  network: nonEmpty,
  absent: z.boolean().optional(),
  driver: z.string().optional(),
  subnet: z.string().optional(),
  gateway: z.string().optional(),
  internal: z.boolean().optional(),
  /** Containers (names) that must be attached. */
  containers: z.array(z.string()).optional(),
  /** Containers that must not be attached. */
  notContainers: z.array(z.string()).optional(),
  /** Aliases per container that must be present. */
  aliases: z.record(z.string(), z.array(z.string())).optional(),
  /** Fixed IPv4 address per container. */
  ips: z.record(z.string(), z.string()).optional(),
  ...common,
}).strict();

export const execCheck = z.object({
  exec: z.object({
    container: nonEmpty,
    /** argv, or a string run with `sh -c`. */
    command: z.union([nonEmpty, z.array(z.string()).min(1)]),
    exitCode: numberish.optional(),
    stdout: textMatch.optional(),
    stderr: textMatch.optional(),
    user: z.string().optional(),
  }).strict(),
  ...common,
}).strict();

export const fileCheck = z.object({
  file: z.object({
    container: nonEmpty,
    path: nonEmpty,
    absent: z.boolean().optional(),
    content: textMatch.optional(),
  }).strict(),
  ...common,
}).strict();

export const logsCheck = z.object({
  logs: z.object({ container: nonEmpty, tail: numberish.optional() }).extend(textMatch.shape).strict(),
  ...common,
}).strict();

export const httpCheck = z.object({
  http: z.object({
    /** Loopback only (127.0.0.1 / localhost / [::1]); the schema refuses other hosts. */
    url: z.string().regex(/^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/, { error: () => t('an http(s) URL on 127.0.0.1 / localhost') }),
    status: numberish.optional(),
    method: z.enum(['GET', 'HEAD']).optional(),
  }).extend(textMatch.shape).strict(),
  ...common,
}).strict();

/** The step's own result: its stdout (+stderr with `stream: both`) and exit code. */
export const outputCheck = z.object({
  output: z.object({ stream: z.enum(['stdout', 'stderr', 'both']).optional() }).extend(textMatch.shape).strict(),
  ...common,
}).strict();

export const exitCodeCheck = z.object({
  exitCode: z.union([numberish, z.object({ not: numberish }).strict()]),
  ...common,
}).strict();

/** A file in the lesson's working folder (what an `edit` step asks the learner to write). */
export const workspaceFileCheck = z.object({
  /** path relative to the lesson's working folder; save/export steps produce tarballs there too. */
  workspaceFile: z.object({ path: nonEmpty, absent: z.boolean().optional(), tarContains: z.string().optional() }).extend(textMatch.shape).strict(),
  ...common,
}).strict();

/** Swarm mode of the engine (single-node swarm lessons). */
export const swarmCheck = z.object({
  swarm: z.enum(['active', 'inactive']),
  ...common,
}).strict();

export const serviceCheck = z.object({
  service: nonEmpty,
  absent: z.boolean().optional(),
  replicas: numberish.optional(),
  /** Running tasks at least / exactly this many, waited for with `within`. */
  runningTasks: numberish.optional(),
  image: z.string().optional(),
  publishedPort: numberish.optional(),
  ...common,
}).strict();

export const registryCheck = z.object({
  registry: z.object({
    url: z.string().regex(/^https?:\/\/(127\.\d+\.\d+\.\d+|localhost)(:\d+)?\/?$/, { error: () => t('a registry URL on 127.0.0.1') }),
    repository: nonEmpty,
    tag: z.string().optional(),
  }).strict(),
  ...common,
}).strict();

export const hintItem = z.object({ hint: nonEmpty }).strict();

export const checkSchema = z.union([
  containerCheck, imageCheck, portCheck, mountCheck, volumeCheck, networkCheck, execCheck, fileCheck, logsCheck,
  httpCheck, outputCheck, exitCodeCheck, workspaceFileCheck, swarmCheck, serviceCheck, registryCheck,
]);
export type Check = z.infer<typeof checkSchema>;

/**
 * The discriminating key of every check kind, in the order the parser tries them. Kinds whose key is also a field of
 * another kind come after it: `container` and `service` checks may name an `image`, a container check an `exitCode`.
 */
export const CHECK_KINDS = [
  'container', 'service', 'image', 'port', 'mount', 'volume', 'network', 'exec', 'file', 'logs', 'http', 'output',
  'exitCode', 'workspaceFile', 'swarm', 'registry',
] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export function checkKind(check: Check): CheckKind {
  for (const kind of CHECK_KINDS) if (kind in check) return kind;
  throw new Error('unreachable: check without a kind');
}

export const STEP_KINDS = ['run', 'interactive', 'destructive', 'explain', 'edit'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** Attributes on a step's fence info string. */
export const stepAttrsSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: () => t('lower-case letters, digits and "-"') }),
  title: nonEmpty,
  kind: z.enum(STEP_KINDS).default('run'),
  /** Seconds; the runner kills the command after it. */
  timeout: z.coerce.number().positive().max(600).default(60),
  /** explain: why this step is not run here (registry, second host, host change …). */
  reason: z.string().optional(),
  /** edit: the file (relative to the lesson's working folder) the learner writes. */
  file: z.string().optional(),
  /** Expect the command itself to fail (exit ≠ 0) — for lessons that show an error. */
  fails: z.stringbool().optional(),
  /** run/destructive: a long-running foreground command; stop it after this many seconds and count it a success. */
  stopAfter: z.coerce.number().positive().max(120).optional(),
  /** Steps that must have run first (ids); skipping them makes this step's checks fail. */
  needs: z.string().optional(),
}).strict();
export type StepAttrs = z.infer<typeof stepAttrsSchema>;

export const variableSchema = z.object({
  default: z.union([z.string(), z.number()]),
  /** Label shown next to the field (Chinese). */
  label: nonEmpty,
  /**
   * What the value is; the field and the CLI refuse anything else, and the value is shell-quoted where it goes into a
   * command. port: 1–65535; number: a whole number; name: a Docker object name; subnetPrefix: three IPv4 numbers
   * (172.31.250); path and text: one line of printable text.
   */
  type: z.enum(VARIABLE_TYPES),
}).strict();
export type Variable = z.infer<typeof variableSchema>;

export const sourceRefSchema = z.object({
  /** Seed id: "000" … "004". */
  seed: z.enum(['000', '001', '002', '003', '004']),
  /** The heading in the seed this lesson draws on. */
  section: nonEmpty,
  lines: z.string().regex(/^\d+(-\d+)?$/).optional(),
  /** The lesson's steps that draw on this section (lessons/SOURCES.md maps seed section → lesson and step). */
  steps: z.array(z.string()).optional(),
}).strict();

export const quizSchema = z.object({
  q: nonEmpty,
  a: nonEmpty,
}).strict();

export const frontMatterSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: () => t('lower-case letters, digits and "-"') }),
  order: z.number().int().min(1).max(99),
  title: nonEmpty,
  summary: nonEmpty,
  sources: z.array(sourceRefSchema).min(1),
  /** Images the lesson needs present (stand-ins are built by `npm run images`). */
  images: z.array(z.string()).default([]),
  /** What the lesson creates, by name; reset removes these (and anything carrying the lesson label) only. */
  creates: z.object({
    containers: z.array(z.string()).default([]),
    images: z.array(z.string()).default([]),
    volumes: z.array(z.string()).default([]),
    networks: z.array(z.string()).default([]),
    /** Host files/folders under the lesson's working folder. */
    files: z.array(z.string()).default([]),
    swarm: z.boolean().default(false),
    services: z.array(z.string()).default([]),
  }).strict().default({ containers: [], images: [], volumes: [], networks: [], files: [], swarm: false, services: [] }),
  vars: z.record(z.string().regex(/^[a-zA-Z_][\w]*$/), variableSchema).default({}),
  /** Recap bullet points shown at the chapter's end. */
  recap: z.array(nonEmpty).default([]),
  quiz: z.array(quizSchema).default([]),
}).strict();
export type FrontMatter = z.infer<typeof frontMatterSchema>;

/** A parsed step, with source positions for diagnostics and the webview. */
export interface Step extends StepAttrs {
  /** Language of the fence (bash, dockerfile, yaml …). */
  lang: string;
  /** The command (run kinds) or the template (edit) with `{{vars}}` still in it. */
  body: string;
  /** Raw YAML of the check block, `{{vars}}` unresolved (re-validated after substitution). */
  checksSource?: string;
  /** Validated checks with the variables' default values. */
  checks: Check[];
  /** The step-level hint (`- hint:` item). */
  hint?: string;
  /** interactive: lines to type. */
  input?: string[];
  /** edit: the finished file a headless run writes (defaults to the template). */
  solution?: string;
  /** 1-based line of the step's fence in the file. */
  line: number;
  /** 1-based line of its check block, if any. */
  checksLine?: number;
  /** The variable names the step uses. */
  vars: string[];
}

export interface Lesson {
  meta: FrontMatter;
  /** Absolute path of the .md file. */
  file: string;
  /** Folder with files the lesson ships (lessons/<id>/), whether or not it exists. */
  assetsDir: string;
  steps: Step[];
  /** The Markdown body (front matter removed) for rendering. */
  markdown: string;
  /** Line in the file where `markdown` starts (1-based). */
  markdownLine: number;
}

export interface Diagnostic {
  file: string;
  line: number;
  column?: number;
  severity: 'error' | 'warning';
  message: string;
}
