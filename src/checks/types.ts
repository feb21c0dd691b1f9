// What evaluating a check yields. Texts are already localized (zh-CN or English, by the l10n bundle in force).
import type { DockerEngine } from '../engine/api';
import type { CheckKind } from './kinds';

export interface CheckResult {
  kind: CheckKind;
  pass: boolean;
  /** What was checked, e.g. "容器 webserver 正在运行". */
  title: string;
  /** What the lesson expected, e.g. "running". */
  expected: string;
  /** What the engine showed, e.g. "exited (137)" or "容器不存在". */
  actual: string;
  /** What to try; the check's own hint, else the step's, else a generic one for the failure. */
  hint?: string;
  durationMs: number;
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
}
