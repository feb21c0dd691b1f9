// The window's engine for a lesson action: created lazily, pinged first; when it cannot be reached the learner gets the
// classified message (not running, permission denied, bad host) with Retry and Open Settings, in the one notice that
// closes by itself once the engine answers again (../engine/troubleNotice.ts).
import { classifyError, EngineError, type DockerEngine } from '../../engine';
import { engineTrouble } from '../engine/troubleNotice';

/** The engine after a ping, or undefined after telling the learner why not (`onError` also gets the message). */
export async function reachableEngine(create: () => DockerEngine, onError?: (message: string) => void): Promise<DockerEngine | undefined> {
  let engine: DockerEngine | undefined;
  try {
    engine = create();
    await engine.ping();
    engineTrouble.engineAnswered();
    return engine;
  } catch (error) {
    const message = engineErrorText(error, engine);
    onError?.(message);
    engineTrouble.show(message, create);
    return undefined;
  }
}

export function engineErrorText(error: unknown, engine: DockerEngine | undefined): string {
  if (error instanceof EngineError) return error.message;
  return engine ? classifyError(error, engine.endpoint).message : error instanceof Error ? error.message : String(error);
}
