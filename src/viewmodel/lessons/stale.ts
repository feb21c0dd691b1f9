// After a step ran again, the verdicts of later steps that rest on it no longer describe the engine: it took back what
// it made before and made it anew (a container with another id, an image re-imported, a service put back), so a later
// ✓ is about objects that are gone. They become "needs re-check" (not passed any more) until run or checked again.
import { t } from '../../i18n';
import { stepNumbers } from '../../lessons/numbering';
import type { StepProgress } from '../../lessons/progress';
import type { Lesson } from '../../lessons/schema';
import { dependentSteps } from '../../runner/rerun';

/** Verdicts that go stale when the steps `ran` have run again (by step id); only passed and failed ones, not running. */
export function staleVerdicts(lesson: Lesson, ran: readonly string[], progress: Readonly<Record<string, StepProgress>>,
  values: Record<string, string>): Record<string, StepProgress> {
  const numbers = stepNumbers(lesson.steps);
  const which = ran.map((id) => numbers.get(id)).filter((n) => n !== undefined).join(', ');
  const stale: Record<string, StepProgress> = {};
  for (const id of dependentSteps(lesson, ran, values)) {
    const verdict = progress[id];
    if (verdict?.state !== 'passed' && verdict?.state !== 'failed') continue;
    stale[id] = {
      state: 'stale', checks: [],
      message: t('Step {0}, which this step rests on, ran again after this result: run or check this step again.', which),
    };
  }
  return stale;
}
