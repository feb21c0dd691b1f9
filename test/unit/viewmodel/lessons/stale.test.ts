// A step run again makes what later steps rest on anew: their verdicts become "needs re-check" (not passed any more),
// for steps that need it or work on what it makes, directly or through steps between; others keep theirs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useBundle } from '../../../../src/i18n';
import type { StepProgress } from '../../../../src/lessons/progress';
import { stepProgress, VERDICT_STATES } from '../../../../src/lessons/progress';
import { dependentSteps } from '../../../../src/runner/rerun';
import { staleVerdicts } from '../../../../src/viewmodel/lessons/stale';
import { buildStepNode, ICONS, stepIcon } from '../../../../src/viewmodel/lessons/treeModel';
import { lessonShare } from '../../../../src/viewmodel/lessons/progress';
import { lessonOf, step } from '../../runner/lessonFixture';

useBundle('en', undefined);

const lesson = lessonOf([
  step('volume-create', 'docker volume create ch13-my-vol'),
  step('run-web', 'docker run -d --name ch13-web -v ch13-my-vol:/data nginx', { needs: 'volume-create' }),
  step('ps', 'docker ps'),
  step('write', "docker exec ch13-web sh -c 'echo hi > /data/index.html'"),
  step('read', 'docker run --rm -v ch13-my-vol:/data busybox cat /data/index.html', { needs: 'write' }),
  step('rm-web', 'docker rm -f ch13-web', { kind: 'destructive' }),
  step('volume-rm', 'docker volume rm ch13-my-vol', { kind: 'destructive' }),
]);
const passed: StepProgress = { state: 'passed', checks: [{ kind: 'container', pass: true, title: 't', expected: 'e', actual: 'a' }], at: 1 };
const all = (state: StepProgress): Record<string, StepProgress> => Object.fromEntries(lesson.steps.map((s) => [s.id, state]));

describe('verdicts after an earlier step ran again', () => {
  test('the later steps that rest on it: they work on what it makes, need it, or rest on such a step', () => {
    // write execs in ch13-web (run-web makes it), read needs write, rm-web removes ch13-web; ps and the volume's own
    // steps do not rest on run-web.
    assert.deepEqual(dependentSteps(lesson, ['run-web'], {}), ['write', 'read', 'rm-web']);
    assert.deepEqual(dependentSteps(lesson, ['volume-create'], {}), ['run-web', 'write', 'read', 'rm-web', 'volume-rm']);
    assert.deepEqual(dependentSteps(lesson, ['read'], {}), []);
  });

  test('passed and failed verdicts of those steps become "needs re-check", with why; the others stay', () => {
    const progress = { ...all(passed), read: { state: 'failed', checks: [] } as StepProgress, 'rm-web': { state: 'skipped', checks: [] } as StepProgress };
    const stale = staleVerdicts(lesson, ['run-web'], progress, {});
    assert.deepEqual(Object.keys(stale), ['write', 'read'], 'rm-web was skipped (a declined destructive step): nothing to re-check');
    assert.equal(stale.write.state, 'stale');
    assert.deepEqual(stale.write.checks, [], 'the old check results are not shown as if they held');
    assert.equal(stale.write.message, 'Step 2, which this step rests on, ran again after this result: run or check this step again.');
    assert.deepEqual(staleVerdicts(lesson, ['run-web'], {}, {}), {}, 'steps without a verdict get none');
  });

  test('a stale verdict is kept like a verdict but is not a pass: not counted, not a ✓ in the tree', () => {
    assert.ok(VERDICT_STATES.has('stale'));
    assert.equal(stepProgress.safeParse({ state: 'stale', checks: [] }).success, true);
    const progress = { ...all(passed), ...staleVerdicts(lesson, ['volume-create'], all(passed), {}) };
    assert.equal(lessonShare(lesson.steps, progress).done, 2, 'only volume-create and ps still count as passed');
    const write = lesson.steps.find((s) => s.id === 'write')!;
    assert.deepEqual(stepIcon(write, progress.write, false), ICONS.stale);
    assert.match(buildStepNode(lesson.meta.id, write, progress.write, false, 4).description, /needs re-check/);
  });
});
