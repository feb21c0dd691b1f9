// What evaluating a check yields. Texts are already localized (zh-CN or English, by the l10n bundle in force).
import type { DockerEngine } from '../engine/api';
import type { CheckKind } from './kinds';

/** The kinds of engine object a check can find missing. */
export type ObjectKind = 'container' | 'image' | 'volume' | 'network' | 'service';

/** The object a check looks at does not exist (the hint says what makes it). */
export interface MissingObject {
  kind: ObjectKind;
  name: string;
}

export interface CheckResult {
  kind: CheckKind;
  pass: boolean;
  /** What was checked, e.g. "容器 webserver 正在运行". */
  title: string;
  /** What the lesson expected, e.g. "running". */
  expected: string;
  /** What the engine showed, e.g. "exited (137)" or "容器不存在". */
  actual: string;
  /** What to try; the check's own hint, else the step's, else a generic one for the failure (a missing object's first). */
  hint?: string;
  /** Failed because this object does not exist. */
  missing?: MissingObject;
  /** The lesson step that makes the missing object (filled in by the runner, which knows the lesson). */
  madeBy?: { stepId: string; title: string };
  durationMs: number;
}

/** A check that failed and is waiting (`within`) for the engine to change: what it waits for and how long at most. */
export interface CheckWait {
  /** Position of the check in the step's list. */
  index: number;
  title: string;
  expected: string;
  remainingMs: number;
}

/** The step's own result, for `output` and `exitCode` checks. */
export interface StepOutput {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export interface CheckContext {
  engine: DockerEngine;
  /** The lesson's working folder on the host (edit steps write here; workspaceFile checks read here). */
  workDir: string;
  /** Absent when the step was not run in this session (then output/exitCode checks fail with a clear message). */
  stepOutput?: StepOutput;
  /** The step-level hint, used when a check has none of its own. */
  stepHint?: string;
  signal?: AbortSignal;
  /** Evaluate each check once, ignoring `within` and the HTTP default wait (the suite's "not run yet" proof). */
  noWait?: boolean;
  /**
   * Containers the step relies on (made by it or by the steps it needs). An HTTP check that fails while one of them
   * is missing, and no container publishes its port, fails at once naming it instead of waiting.
   */
  stepContainers?: readonly string[];
  /** A check starts waiting (undefined: the wait is over). */
  onWait?(wait: CheckWait | undefined): void;
}
