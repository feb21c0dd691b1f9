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
// Fence info: `<lang> step key=value …` opens a step (kind=run|interactive|destructive|explain|edit|challenge); the
// fences that directly follow it and are tagged `check`, `input` (interactive: lines typed into the TTY), `solution`
// (edit: the file a headless run writes), `task` (challenge: what the learner is asked to do, Markdown) or `setup`
// (challenge: a hidden command that makes the starting state) belong to it. A challenge's own fence body is its
// reference solution: never shown before a failed check, run only when asked (the lesson suite, `run --solutions`). `{{name}}` is replaced by the value of a declared variable in the command,
// the edit template and every string of the checks, before validation (so "{{port}}" becomes the number 8080 where a
// number is expected). Nothing in a lesson is code: checks are declarative and evaluated through the Engine API.
import * as z from 'zod';
import zodEnglish from 'zod/v4/locales/en.js';
import zodChinese from 'zod/v4/locales/zh-CN.js';
import type { Check } from '../checks/kinds';
import { followUiLanguage, t } from '../i18n';
import { VARIABLE_TYPES } from './variables';

followUiLanguage((language) => z.config(language === 'en' ? zodEnglish() : zodChinese()));

const nonEmpty = z.string().min(1);

// The checks of a step: every kind's schema lives with its evaluator in src/checks/kinds (one table there, below the
// lesson format, which uses it).
export {
  CHECK_KINDS, checkConditionSchema, checkKind, checkSchema, type Check, type CheckCondition, type CheckKind, type TextMatch,
} from '../checks/kinds';

/** A check block's step-level hint item (`- hint: …`), besides the checks. */
export const hintItem = z.object({ hint: nonEmpty }).strict();

export const STEP_KINDS = ['run', 'interactive', 'destructive', 'explain', 'edit', 'challenge'] as const;
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
  /** The command (run kinds), the template (edit) or the reference solution (challenge) with `{{vars}}` still in it. */
  body: string;
  /** Raw YAML of the check block, `{{vars}}` unresolved (re-validated after substitution). */
  checksSource?: string;
  /** Validated checks with the variables' default values. */
  checks: Check[];
  /** The step-level hint (`- hint:` item); a challenge has `hints` instead. */
  hint?: string;
  /** challenge: the step-level `- hint:` items in order, revealed one at a time (graded hints). */
  hints?: string[];
  /** challenge: the task (Markdown, `{{vars}}` unresolved). */
  task?: string;
  /** challenge: the hidden command that makes the starting state (`{{vars}}` unresolved). */
  setup?: string;
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
