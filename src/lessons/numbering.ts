// Which steps a lesson counts and the number each one carries: the one rule the CLI, the lessons tree, the lesson page
// and the status bar share, so "8 steps", "3/8" and "Step 3" agree everywhere. Explain steps are read, not run: they
// are not counted and carry no number (the front ends mark them as explanations instead). Pure, for the webview too.
import type { Step } from './schema';

/** What the rule reads of a step (the stored progress and the webview's step views have these too). */
type Numbered = Pick<Step, 'id'> & { kind: string };

/** Whether a step counts towards "n steps" and gets a number (every kind but explain). */
export function isCountedStep(step: { kind: string }): boolean {
  return step.kind !== ('explain' satisfies Step['kind']);
}

/** The counted steps, in lesson order. */
export function countedSteps<T extends { kind: string }>(steps: readonly T[]): T[] {
  return steps.filter(isCountedStep);
}

/** Step id → its 1-based number among the counted steps; explain steps have none. */
export function stepNumbers(steps: readonly Numbered[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const step of steps) if (isCountedStep(step)) numbers.set(step.id, numbers.size + 1);
  return numbers;
}
