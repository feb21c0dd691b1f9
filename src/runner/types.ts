// The runner's contract: the CLI, the lesson suite and the VS Code task adapter all drive steps through it.
import type { CheckResult, StepOutput } from '../checks/types';
import type { ResourceKind } from '../engine/types';

/** `started`: a challenge's setup ran (or it has none); the learner does the task, then checks. */
export type StepStatus = 'passed' | 'failed' | 'skipped' | 'cancelled' | 'error' | 'started';

export interface StepOutcome {
  lessonId: string;
  stepId: string;
  status: StepStatus;
  /** Present when the command ran. */
  output?: StepOutput;
  checks: CheckResult[];
  durationMs: number;
  /** Why it errored or was skipped (localized), e.g. "镜像 nginx 不存在…". */
  message?: string;
  /** The message has already been shown to the user (by a hook), so the front end need not show it again. */
  notified?: boolean;
  /** It failed and these steps (ids, in lesson order) make what it needs: run them again, then this step. */
  redo?: string[];
}

/** An object a lesson made, as recorded for reset and for running its step again. */
export interface CreatedObject {
  kind: ResourceKind | 'service' | 'secret' | 'config' | 'swarm' | 'file' | 'service-spec';
  /**
   * Engine id where known (containers, images, volumes are by name, networks); a file's content hash after the step;
   * service-spec: the id of the service the step changed.
   */
  id?: string;
  name: string;
  stepId: string;
  /**
   * service-spec: the service's definition before the step changed it (`docker service update`, `scale`, `rollback`).
   * Not something to remove: running the step again puts it back first, so the step starts from the same service
   * (a rollback returns to what the update replaced, not to the update's own earlier run).
   */
  spec?: object;
}

/** Persistence of what each lesson created (the CLI keeps a JSON file, the extension its global storage). */
export interface CreatedObjectStore {
  load(lessonId: string): Promise<CreatedObject[]>;
  save(lessonId: string, objects: CreatedObject[]): Promise<void>;
}

/** Where the runner writes progress lines and command output (terminal, task pseudoterminal, CLI). */
export interface RunnerSink {
  output(chunk: string, stream: 'stdout' | 'stderr'): void;
  info(line: string): void;
}
