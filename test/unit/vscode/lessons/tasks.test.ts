// Step tasks against the vscode mock: a lesson's steps share one terminal (a Shared panel in the lesson's group).
import { mock } from '../../../support/vscodeMock';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Lesson, Step } from '../../../../src/lessons/schema';
import { customStepTask, shellStepTask } from '../../../../src/vscode/lessons/tasks';
import { TaskPanelKind } from '../../../support/vscodeMock';

const lesson = (id: string) => ({ meta: { id, order: 6, title: '容器生命周期' }, steps: [] }) as unknown as Lesson;
const step = (id: string, kind: Step['kind'] = 'run') => ({ id, title: id, kind, body: 'docker ps' }) as unknown as Step;
const pty = () => ({ onDidWrite: () => ({ dispose: () => undefined }), open: () => undefined, close: () => undefined });

describe('lesson step tasks (vscode mock)', () => {
  test('steps of one lesson share its terminal; another lesson gets its own; interactive steps take the focus', () => {
    mock.reset();
    const shell = { command: 'docker run -it busybox sh', cwd: '/tmp', env: {} };
    const first = customStepTask(lesson('lifecycle'), step('create'), undefined, pty).presentationOptions as Record<string, unknown>;
    const second = shellStepTask(lesson('lifecycle'), step('attach', 'interactive'), undefined, shell).presentationOptions as Record<string, unknown>;
    const other = customStepTask(lesson('first-container'), step('run'), undefined, pty).presentationOptions as Record<string, unknown>;
    for (const options of [first, second, other]) {
      assert.equal(options.panel, TaskPanelKind.Shared);
      assert.equal(options.clear, false, 'earlier steps stay readable above');
    }
    assert.equal(first.group, second.group);
    assert.notEqual(first.group, other.group);
    assert.equal(first.focus, false);
    assert.equal(second.focus, true, 'the learner types into an interactive step');
  });
});
