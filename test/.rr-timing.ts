import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createEngineFromEnvironment } from '../src/engine';
import { loadLessons } from '../src/lessons';
import { JsonFileStore, resetLesson, runStep, runLesson } from '../src/runner';
async function main() {
  const root = process.cwd();
  const { lessons } = await loadLessons(path.join(root, 'lessons'));
  const lesson = lessons.find((l) => l.meta.id === process.argv[2])!;
  const engine = createEngineFromEnvironment();
  const workRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-timing-'));
  const store = new JsonFileStore(path.join(workRoot, 'state'));
  const T0 = Date.now(); const ctx = { engine, workRoot, store, confirm: async () => true, sink: process.env.SINK ? { output: () => undefined, info: (l: string) => console.log(`    [${Date.now() - T0}] ${l.slice(0, 200)}`) } : undefined };
  await resetLesson(lesson, { engine, store, workRoot });
  const vars = { port: '18555' };
  for (const step of lesson.steps) {
    if (step.kind === 'explain') continue;
    let t0 = Date.now();
    const a = await runStep(lesson, step, ctx as any, { vars, checkImages: false });
    const d1 = Date.now() - t0; t0 = Date.now();
    const b = await runStep(lesson, step, ctx as any, { vars, checkImages: false });
    const d2 = Date.now() - t0;
    console.log(step.id.padEnd(24), a.status, d1, b.status, d2, a.checks.map(c => `${c.kind}:${c.durationMs}`).join(' '));
  }
  let t0 = Date.now();
  const r = await runLesson(lesson, ctx as any, { vars, onStepEnd: (o) => console.log('  L', o.stepId, o.status, o.durationMs, o.message ?? '') });
  console.log('lesson', r.passed, Date.now() - t0);
  await resetLesson(lesson, { engine, store, workRoot });
  engine.dispose();
}
main();
