// kind=challenge: the parse (task, hidden setup, graded hints, the fence as reference solution), its lint rules, what
// the page's HTML shows of it (the task, never the solution or the setup), its resolved parts and the progress count.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lintText } from '../../../src/lessons/lint';
import { parseLesson } from '../../../src/lessons/parse';
import { challengeCounts } from '../../../src/lessons/progress';
import { renderLessonHtml } from '../../../src/lessons/render';
import { resolveStep } from '../../../src/lessons/substitute';
import { objectsMadeBy } from '../../../src/runner/makers';
import { prepareStep } from '../../../src/runner/runner';
import { stepView } from '../../../src/viewmodel/lessons/lessonView';

const FRONT = `---
id: challenge-test
order: 1
title: 挑战
summary: 测试挑战
sources:
  - { seed: "000", section: "x" }
vars:
  port: { default: 8080, label: 端口, type: port }
---
`;

const CHALLENGE = `\`\`\`bash step id=challenge-web title="挑战：一直在线的 web 服务" kind=challenge
docker run -d --name dl-web --restart unless-stopped -p {{port}}:80 nginx
\`\`\`
\`\`\`markdown task
启动一个名为 \`dl-web\` 的 nginx 容器，把宿主机端口 {{port}} 映射到容器的 80 端口。
\`\`\`
\`\`\`bash setup
docker run -d --name dl-broken busybox sh -c 'exit 3'
\`\`\`
\`\`\`yaml check
- container: dl-web
  state: running
  restartPolicy: { name: unless-stopped }
  hint: 看看 docker ps -a。
- hint: 给容器起名用 \`--name\`。
- hint: 重启策略用 \`--restart\`。
\`\`\`
`;

function parse(body: string, checks: 'now' | 'on-use' = 'now') {
  return parseLesson(FRONT + body, '/lessons/01-challenge.md', { checks });
}

describe('challenge steps', () => {
  for (const mode of ['now', 'on-use'] as const) {
    test(`parse (check blocks ${mode}): solution, task, setup, graded hints; no step hint`, () => {
      const { lesson, diagnostics } = parse(CHALLENGE, mode);
      assert.deepEqual(diagnostics, []);
      const [step] = lesson!.steps;
      assert.equal(step.kind, 'challenge');
      assert.equal(step.body, 'docker run -d --name dl-web --restart unless-stopped -p {{port}}:80 nginx');
      assert.match(step.task!, /^启动一个名为 `dl-web`/);
      assert.equal(step.setup, "docker run -d --name dl-broken busybox sh -c 'exit 3'");
      assert.deepEqual(step.hints, ['给容器起名用 `--name`。', '重启策略用 `--restart`。']);
      assert.equal(step.hint, undefined, 'graded hints are not attached to failed checks');
      assert.equal(step.checks.length, 1);
      assert.deepEqual(step.vars, ['port']);
    });
  }

  test('resolved: the solution and setup shell-quoted and labelled, the task plain, the hints in order', () => {
    const { lesson } = parse(CHALLENGE);
    const step = lesson!.steps[0];
    const resolved = resolveStep(step, lesson!, { port: '8099' });
    assert.equal(resolved.command, 'docker run -d --name dl-web --restart unless-stopped -p 8099:80 nginx');
    assert.match(resolved.task!, /把宿主机端口 8099 映射/);
    assert.equal(resolved.hint, undefined);
    assert.deepEqual(resolved.hints, ['给容器起名用 `--name`。', '重启策略用 `--restart`。']);
    const prepared = prepareStep(lesson!, step, { port: '8099' });
    assert.match(prepared.setup!, /^docker run --label docker-lessons\.lesson=challenge-test -d --name dl-broken/);
    assert.match(prepared.command, /^docker run --label docker-lessons\.lesson=challenge-test -d --name dl-web/);
    // What the step makes (for re-runs and reset): the setup's objects and the solution's.
    assert.deepEqual(objectsMadeBy(step, { port: '8099' }).map((o) => o.name), ['dl-broken', 'dl-web']);
  });

  test('the page shows the task, never the solution or the setup; the step view carries no command', () => {
    const { lesson } = parse(`${CHALLENGE}\n\`\`\`bash step id=after title="之后"\ndocker ps\n\`\`\`\n\`\`\`yaml check\n- output: { contains: dl-web }\n\`\`\`\n`);
    const { html, steps } = renderLessonHtml(lesson!);
    assert.deepEqual(steps.map((s) => s.id), ['challenge-web', 'after']);
    assert.match(html, /<div class="dl-step" data-step-id="challenge-web"><\/div>/);
    assert.match(html, /<div class="dl-challenge-task" data-task-for="challenge-web"><p>启动一个名为 <code>dl-web<\/code>/);
    assert.doesNotMatch(html, /unless-stopped|dl-broken|exit 3/);
    assert.match(html, /data-step-id="after"><pre><code/);
    const view = stepView(lesson!.steps[0], 0);
    assert.equal(view.command, '');
    assert.deepEqual(view.hintsHtml, ['给容器起名用 <code>--name</code>。', '重启策略用 <code>--restart</code>。']);
    assert.equal(view.hasSetup, true);
  });

  test('lint: a task and a solution are required, a check too; hints are encouraged', () => {
    const messages = (text: string) => lintText(FRONT + text, '/lessons/01-challenge.md').map((d) => `${d.severity}: ${d.message}`);
    assert.deepEqual(messages(CHALLENGE), []);
    const noTask = CHALLENGE.replace(/```markdown task\n[\s\S]*?```\n/, '');
    assert.notEqual(noTask, CHALLENGE);
    assert.ok(messages(noTask).some((m) => /^error: challenge 'challenge-web' has no task/.test(m)), messages(noTask).join('\n'));
    const noSolution = CHALLENGE.replace(/nginx\n```\n```markdown/, '\n```\n```markdown').replace(/docker run -d --name dl-web[^\n]*\n/, '\n');
    assert.notEqual(noSolution, CHALLENGE);
    assert.ok(messages(noSolution).some((m) => /^error: challenge 'challenge-web' has no reference solution/.test(m)), messages(noSolution).join('\n'));
    const noChecks = CHALLENGE.replace(/```yaml check[\s\S]*```\n$/, '');
    assert.notEqual(noChecks, CHALLENGE);
    assert.ok(messages(noChecks).some((m) => /^error: step 'challenge-web' has no checks/.test(m)), messages(noChecks).join('\n'));
    const noHints = CHALLENGE.replace(/- hint: 给[^\n]*\n- hint: 重[^\n]*\n/, '');
    assert.notEqual(noHints, CHALLENGE);
    assert.deepEqual(messages(noHints).map((m) => m.replace(/:.*/, '')), ['warning']);
    assert.match(messages(noHints)[0], /has no hints/);
    const emptySetup = CHALLENGE.replace(/```bash setup\n[^\n]*\n```/, '```bash setup\n\n```');
    assert.notEqual(emptySetup, CHALLENGE);
    assert.ok(messages(emptySetup).some((m) => /^error: the setup block of challenge 'challenge-web' is empty/.test(m)));
  });

  test('lint: task and setup fences on another kind are ignored with a warning; several hints there still warn', () => {
    const run = CHALLENGE.replace(' kind=challenge', '');
    const messages = lintText(FRONT + run, '/lessons/01-challenge.md').map((d) => `${d.severity}: ${d.message}`);
    assert.ok(messages.includes("warning: step 'challenge-web' is not a challenge: its task block is ignored"), messages.join('\n'));
    assert.ok(messages.includes("warning: step 'challenge-web' is not a challenge: its setup block is ignored"), messages.join('\n'));
    assert.ok(messages.some((m) => /more than one step hint/.test(m)), messages.join('\n'));
  });

  test('challengeCounts: solved = challenges whose verdict passed', () => {
    const steps = [{ id: 'a', kind: 'run' }, { id: 'c1', kind: 'challenge' }, { id: 'c2', kind: 'challenge' }];
    assert.deepEqual(challengeCounts(steps, {}), { solved: 0, total: 2 });
    assert.deepEqual(challengeCounts(steps, { a: { state: 'passed' }, c1: { state: 'passed' }, c2: { state: 'failed' } }), { solved: 1, total: 2 });
  });
});
