// `docker-lessons images`: prepare the offline stand-in images (src/runner/standins.ts) from a terminal. `npm run images`
// runs this command too. Progress lines go to stdout, or to stderr under --json so stdout stays one JSON document.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { DockerEngine } from '../engine/api';
import { t } from '../i18n';
import { stepEnv } from '../runner/env';
import {
  busyboxCandidates, CatalogError, listStandins, loadCatalog, prepareStandins, pullWithCli, selectByName, summarize,
  type StandinListRow,
} from '../runner/standins';

export interface ImagesCommandInput {
  packageRoot: string;
  only: string[];
  list: boolean;
  forceStandins: boolean;
  noPull: boolean;
  catalog?: string;
  json: boolean;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  connect: () => Promise<DockerEngine>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** An expected failure: the message for the user and the exit code (2 bad input, 1 failed). */
export class ImagesFailure extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

export async function imagesCommand(input: ImagesCommandInput): Promise<number> {
  const say = (line: string) => (input.json ? input.stderr : input.stdout)(`${line}\n`);
  const defaultCatalog = path.join(input.packageRoot, 'images', 'standins.json');
  const catalogFile = path.resolve(input.catalog ?? defaultCatalog);
  let catalog;
  try {
    catalog = loadCatalog(catalogFile, defaultCatalog);
  } catch (error) {
    if (error instanceof CatalogError) throw new ImagesFailure(error.message, 2);
    throw error;
  }
  const { entries, unknown } = selectByName(catalog, input.only.length > 0 ? input.only : undefined);
  if (unknown.length > 0) {
    throw new ImagesFailure(t('Unknown image name(s): {0}. Known names: {1}', unknown.join(', '),
      catalog.images.map((e) => e.name).join(', ')), 2);
  }
  const engine = await input.connect();

  if (input.list) {
    const rows = await listStandins(engine, catalog, entries);
    if (input.json) {
      input.stdout(JSON.stringify({ images: rows }, null, 2) + '\n');
      return 0;
    }
    say(t('Image tags ({0}):', engine.endpoint.url));
    say(formatRows(rows));
    return 0;
  }

  const pullEnabled = !input.noPull && input.env.DOCKER_LESSONS_NO_PULL !== '1';
  const env = stepEnv(engine.endpoint, input.env);
  const result = await prepareStandins(engine, catalog, entries, {
    force: input.forceStandins,
    pull: pullEnabled ? (tag) => pullWithCli(tag, env, os.tmpdir(), input.signal) : undefined,
    busybox: busyboxCandidates(input.env, shippedBusybox(input.packageRoot)),
    signal: input.signal,
    onProgress: (p) => say(p.message),
  });
  if (result.busyboxRejected) {
    say(t('busybox: no usable static busybox. Looked at:'));
    for (const r of result.busyboxRejected) say(`  ${r.path}: ${r.reason}`);
    say(t('Install one with "sudo apt-get install busybox-static" (Debian/Ubuntu), or set BUSYBOX=/path/to/static/busybox, then run this again.'));
  }
  const counts = summarize(result.images);
  const failed = counts.failed + counts.skipped + counts.cancelled;
  say(t('Done: {0} built, {1} pulled, {2} already present, {3} failed or skipped.', counts.built, counts.pulled,
    counts.present + counts.real, failed));
  if (input.json) input.stdout(JSON.stringify({ busybox: result.busybox ?? null, images: result.images }, null, 2) + '\n');
  return failed > 0 ? 1 : 0;
}

/** The static busybox the package ships (dist/busybox/busybox), when it is there. */
export function shippedBusybox(packageRoot: string): string | undefined {
  const file = path.join(packageRoot, 'dist', 'busybox', 'busybox');
  return fs.existsSync(file) ? file : undefined;
}

function formatRows(rows: StandinListRow[]): string {
  const stateText = { missing: t('missing'), standin: t('stand-in'), real: t('real') };
  const width = Math.max(...rows.map((r) => r.tag.length));
  return rows.map((row) => `  ${row.tag.padEnd(width)}  ${stateText[row.state]}`).join('\n');
}
