// What the CLI remembers of a learner's challenges between commands: how many checks of each failed. Each failed check
// shows the next graded hint, and `docker-lessons solution` prints the reference solution only once a check failed
// (the lesson page does the same with its buttons). One small JSON file in the state folder; `reset` forgets a lesson.
import * as fs from 'fs';
import * as path from 'path';

type Log = Record<string, Record<string, { failed: number }>>;

export class ChallengeLog {
  private readonly file: string;

  constructor(stateDir: string) {
    this.file = path.join(stateDir, 'challenges.json');
  }

  private read(): Log {
    try {
      const data = JSON.parse(fs.readFileSync(this.file, 'utf8')) as unknown;
      return data !== null && typeof data === 'object' && !Array.isArray(data) ? data as Log : {};
    } catch {
      return {}; // none yet, or unreadable: nothing failed
    }
  }

  private write(log: Log): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file, JSON.stringify(log, null, 2) + '\n');
  }

  /** Failed checks of the challenge so far. */
  failures(lessonId: string, stepId: string): number {
    const failed = this.read()[lessonId]?.[stepId]?.failed;
    return typeof failed === 'number' && failed > 0 ? Math.floor(failed) : 0;
  }

  /** One more failed check; returns how many there are now. */
  recordFailure(lessonId: string, stepId: string): number {
    const log = this.read();
    const failed = this.failures(lessonId, stepId) + 1;
    log[lessonId] = { ...(log[lessonId] ?? {}), [stepId]: { failed } };
    this.write(log);
    return failed;
  }

  forgetLesson(lessonId: string): void {
    const log = this.read();
    if (!(lessonId in log)) return;
    delete log[lessonId];
    this.write(log);
  }
}
