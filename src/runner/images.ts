// Lessons name the images they need (front matter `images`). Before running, make sure each exists; try a short
// `docker pull` (a mirror may be configured) and otherwise say exactly what to do — offline hosts need stand-ins
// (built by ./standins.ts).
import type { DockerEngine } from '../engine/api';
import { isEngineError } from '../engine/errors';
import { t } from '../i18n';
import { runShell, shellQuote } from './process';

export const PULL_TIMEOUT_MS = 10_000;

export interface MissingImage {
  image: string;
  message: string;
}

async function imageExists(engine: DockerEngine, image: string): Promise<boolean> {
  try {
    await engine.inspectImage(image);
    return true;
  } catch (error) {
    if (isEngineError(error) && error.code === 'not-found') return false;
    throw error;
  }
}

/** For a terminal; the extension offers its "Prepare Practice Images" command instead (src/views/lessons/prepareImages.ts). */
export function missingImageMessage(image: string): string {
  return t('Image {0} does not exist and could not be pulled (no access to the registry). Build the offline stand-in images with `docker-lessons images` (in a checkout of the course: `npm run images`), or configure registry-mirrors in Docker\'s daemon.json.', image);
}

/** Images still missing after trying to pull them; empty when all are present. */
export async function ensureImages(
  engine: DockerEngine, images: readonly string[], env: NodeJS.ProcessEnv, cwd: string,
  onInfo?: (line: string) => void, signal?: AbortSignal,
): Promise<MissingImage[]> {
  const missing: MissingImage[] = [];
  for (const image of images) {
    if (await imageExists(engine, image)) continue;
    // DOCKER_LESSONS_NO_PULL=1 (set by CI, which has no registry) skips even the attempt, and with it any DNS look-up.
    if (env.DOCKER_LESSONS_NO_PULL === '1' || process.env.DOCKER_LESSONS_NO_PULL === '1') {
      missing.push({ image, message: missingImageMessage(image) });
      continue;
    }
    onInfo?.(t('Image {0} is missing; trying `docker pull {0}` …', image));
    const pull = await runShell(`docker pull ${shellQuote(image)}`, { cwd, env, timeoutMs: PULL_TIMEOUT_MS, signal });
    if (pull.exitCode === 0 && await imageExists(engine, image)) continue;
    missing.push({ image, message: missingImageMessage(image) });
  }
  return missing;
}
