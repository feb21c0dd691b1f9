// `image:` checks over GET /images/{name}/json (config, layers, size) and GET /images/{name}/history.
import * as z from 'zod';
import type { ImageDetails, ImageHistoryRow } from '../../engine/types';
import { t } from '../../i18n';
import {
  type Outcome, combine, envRecord, excerpt, formatBytes, formatJson, formatRecord, joinClauses, joinItems, labelled,
  portKey, recordProp, shortId, subsetProp,
} from '../describe';
import type { Lookup } from '../lookup';
import { type PropSpec, judgeAll, missingOutcome, same, spec, verdictOf } from '../props';
import { common, defineKind, durationMs, durationSchema, missing, nonEmpty, numberish, portSpec } from './common';

export const imageCheck = z.object({
  image: nonEmpty,
  absent: z.boolean().optional(),
  cmd: z.array(z.string()).nullable().optional(),
  entrypoint: z.array(z.string()).nullable().optional(),
  /** Env entries that must be present, KEY: value. */
  env: z.record(z.string(), z.string()).optional(),
  exposedPorts: z.array(portSpec).optional(),
  workdir: z.string().optional(),
  user: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  volumes: z.array(z.string()).optional(),
  healthcheck: z.object({ test: z.array(z.string()).optional(), interval: durationSchema.optional(), retries: numberish.optional() }).strict().optional(),
  stopSignal: z.string().optional(),
  onBuild: z.array(z.string()).optional(),
  author: z.string().optional(),
  comment: z.string().optional(),
  /** Number of layers (RootFS.Layers). */
  layers: numberish.optional(),
  minLayers: numberish.optional(),
  /** Same image id as this other reference. */
  sameAs: z.string().optional(),
  differentFrom: z.string().optional(),
  /**
   * At most `max` of this image's layers (RootFS.Layers) are missing from `image`: how many layers a rebuild could not
   * take from the build cache (a source change that re-runs a dependency install makes two, not one). Layer ids are
   * content digests, so this holds for BuildKit and the legacy builder, on overlay2 and on the containerd store.
   */
  layersNotIn: z.object({ image: nonEmpty, max: numberish }).strict().optional(),
  maxSizeBytes: numberish.optional(),
  /** `docker history` rows (including empty layers) at least / exactly. */
  historyLength: numberish.optional(),
  historyContains: z.string().optional(),
  ...common,
}).strict();

export type ImageCheck = z.infer<typeof imageCheck>;
type Info = ImageDetails;

export interface ImageSubject {
  info: Info;
  history?: ImageHistoryRow[];
  /** The images named by sameAs / differentFrom (undefined when they do not exist). */
  sameAs?: Info;
  differentFrom?: Info;
  /** The image named by layersNotIn (undefined when it does not exist). */
  layersNotIn?: Info;
}

export function noSuchImageHint(): string {
  return t('Build the image first (run the step that creates it), or check the name with `docker images`.');
}

/** Docker keeps "no CMD" as null or [], and ENTRYPOINT may be a plain string in old images. */
function argv(value: string | string[] | null | undefined): string[] | null {
  if (value === null || value === undefined) return null;
  const list = Array.isArray(value) ? value : [value];
  return list.length ? list : null;
}

function orNotSet(value: string | undefined | null): string {
  return value ? value : t('(not set)');
}

function signalName(signal: string): string {
  const upper = signal.toUpperCase();
  return /^\d+$/.test(upper) || upper.startsWith('SIG') ? upper : `SIG${upper}`;
}

function msText(ms: number): string {
  if (ms % 60_000 === 0 && ms >= 60_000) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

function healthcheckText(test: string[] | undefined, intervalMs: number | undefined, retries: number | undefined): string {
  const parts: string[] = [];
  if (test) parts.push(labelled('test', formatJson(test)));
  if (intervalMs !== undefined) parts.push(labelled('interval', msText(intervalMs)));
  if (retries !== undefined) parts.push(labelled('retries', String(retries)));
  return joinClauses(parts);
}

function healthcheckSpec(wanted: NonNullable<ImageCheck['healthcheck']>): PropSpec<ImageSubject> {
  const intervalMs = wanted.interval === undefined ? undefined : durationMs(wanted.interval, 0);
  const expected = healthcheckText(wanted.test, intervalMs, wanted.retries) || t('set');
  return spec(t('healthcheck'), expected, ({ info }) => {
    const actual = info.Config.Healthcheck;
    if (!actual?.Test?.length || actual.Test[0] === 'NONE') return { pass: false, actual: t('(not set)') };
    const actualMs = actual.Interval ? actual.Interval / 1e6 : 30_000; // docker's default interval is 30 s
    const pass = (!wanted.test || formatJson(wanted.test) === formatJson(actual.Test))
      && (intervalMs === undefined || intervalMs === actualMs)
      && (wanted.retries === undefined || wanted.retries === (actual.Retries || 3));
    return { pass, actual: healthcheckText(actual.Test, actualMs, actual.Retries || 3) };
  });
}

function otherImageSpec(label: string, ref: string, wantSame: boolean, pick: (s: ImageSubject) => Info | undefined): PropSpec<ImageSubject> {
  const expected = wantSame ? t('the same image as {0}', ref) : t('a different image from {0}', ref);
  return spec(label, expected, (subject) => {
    const other = pick(subject);
    if (!other) return { pass: false, actual: t('image {0} does not exist', ref), hint: noSuchImageHint() };
    const isSame = other.Id === subject.info.Id;
    const actual = isSame ? t('the same image ({0})', shortId(other.Id)) : t('different images ({0} vs {1})', shortId(subject.info.Id), shortId(other.Id));
    return { pass: isSame === wantSame, actual };
  });
}

function imageSpecs(check: ImageCheck): PropSpec<ImageSubject>[] {
  const specs: PropSpec<ImageSubject>[] = [];
  if (check.cmd !== undefined) {
    const expected = formatJson(check.cmd);
    specs.push(spec('CMD', expected, ({ info }) => same(expected, formatJson(argv(info.Config.Cmd)))));
  }
  if (check.entrypoint !== undefined) {
    const expected = formatJson(check.entrypoint);
    specs.push(spec('ENTRYPOINT', expected, ({ info }) => same(expected, formatJson(argv(info.Config.Entrypoint)))));
  }
  if (check.env) {
    const env = check.env;
    specs.push(spec(t('environment'), formatRecord(env), ({ info }) => verdictOf(recordProp('', env, envRecord(info.Config.Env)))));
  }
  if (check.exposedPorts) {
    const wanted = check.exposedPorts.map(portKey);
    specs.push(spec(t('exposed ports'), joinItems(wanted), ({ info }) => verdictOf(subsetProp('', wanted, Object.keys(info.Config.ExposedPorts ?? {})))));
  }
  if (check.workdir !== undefined) {
    const trim = (dir: string) => (dir.length > 1 ? dir.replace(/\/+$/, '') : dir) || '/';
    const wanted = trim(check.workdir);
    specs.push(spec(t('working directory'), wanted, ({ info }) => same(wanted, trim(info.Config.WorkingDir ?? ''))));
  }
  if (check.user !== undefined) {
    const wanted = check.user;
    specs.push(spec(t('user'), orNotSet(wanted), ({ info }) => same(orNotSet(wanted), orNotSet(info.Config.User))));
  }
  if (check.labels) {
    const labels = check.labels;
    specs.push(spec(t('labels'), formatRecord(labels), ({ info }) => verdictOf(recordProp('', labels, info.Config.Labels ?? {}))));
  }
  if (check.volumes) {
    const wanted = check.volumes;
    specs.push(spec(t('volumes'), joinItems(wanted), ({ info }) => verdictOf(subsetProp('', wanted, Object.keys(info.Config.Volumes ?? {})))));
  }
  if (check.healthcheck) specs.push(healthcheckSpec(check.healthcheck));
  if (check.stopSignal !== undefined) {
    const wanted = signalName(check.stopSignal);
    specs.push(spec(t('stop signal'), wanted, ({ info }) => {
      const actual = info.Config.StopSignal;
      return { pass: !!actual && signalName(actual) === wanted, actual: orNotSet(actual) };
    }));
  }
  if (check.onBuild) {
    const squash = (text: string) => text.trim().replace(/\s+/g, ' ');
    const wanted = check.onBuild.map(squash);
    specs.push(spec(t('ONBUILD triggers'), joinItems(wanted), ({ info }) =>
      verdictOf(subsetProp('', wanted, (info.Config.OnBuild ?? []).map((line: unknown) => squash(String(line)))))));
  }
  if (check.author !== undefined) {
    const wanted = check.author;
    specs.push(spec(t('author'), orNotSet(wanted), ({ info }) => same(orNotSet(wanted), orNotSet(info.Author))));
  }
  if (check.comment !== undefined) {
    const wanted = check.comment;
    specs.push(spec(t('comment'), orNotSet(wanted), ({ info }) => same(orNotSet(wanted), orNotSet(info.Comment))));
  }
  if (check.layers !== undefined) {
    const wanted = check.layers;
    specs.push(spec(t('layer count'), String(wanted), ({ info }) => same(String(wanted), String(info.RootFS.Layers?.length ?? 0))));
  }
  if (check.minLayers !== undefined) {
    const wanted = check.minLayers;
    specs.push(spec(t('layer count'), t('at least {0}', String(wanted)), ({ info }) => {
      const count = info.RootFS.Layers?.length ?? 0;
      return { pass: count >= wanted, actual: String(count) };
    }));
  }
  if (check.sameAs !== undefined) specs.push(otherImageSpec(t('id'), check.sameAs, true, (s) => s.sameAs));
  if (check.differentFrom !== undefined) specs.push(otherImageSpec(t('id'), check.differentFrom, false, (s) => s.differentFrom));
  if (check.layersNotIn !== undefined) {
    const { image: ref, max } = check.layersNotIn;
    specs.push(spec(t('layers not in {0}', ref), t('at most {0}', String(max)), ({ info, layersNotIn }) => {
      if (!layersNotIn) return { pass: false, actual: t('image {0} does not exist', ref), hint: noSuchImageHint() };
      const theirs = new Set(layersNotIn.RootFS.Layers ?? []);
      const count = (info.RootFS.Layers ?? []).filter((layer) => !theirs.has(layer)).length;
      return { pass: count <= max, actual: String(count) };
    }));
  }
  if (check.maxSizeBytes !== undefined) {
    const wanted = check.maxSizeBytes;
    specs.push(spec(t('size'), t('at most {0}', formatBytes(wanted)), ({ info }) => ({ pass: info.Size <= wanted, actual: formatBytes(info.Size) })));
  }
  if (check.historyLength !== undefined) {
    const wanted = check.historyLength;
    specs.push(spec(t('history rows'), String(wanted), ({ history }) => same(String(wanted), String(history?.length ?? 0))));
  }
  if (check.historyContains !== undefined) {
    const needle = check.historyContains;
    specs.push(spec(t('history'), t('a row containing {0}', `"${needle}"`), ({ history }) => {
      const rows = history ?? [];
      const hit = rows.find((row) => `${row.CreatedBy ?? ''}\n${row.Comment ?? ''}`.includes(needle));
      if (hit) return { pass: true, actual: excerpt(hit.CreatedBy || hit.Comment, 120) };
      const top = rows.slice(0, 3).map((row) => excerpt(row.CreatedBy || row.Comment, 60));
      return { pass: false, actual: t('no such row among {0}; latest: {1}', String(rows.length), joinClauses(top)) };
    }));
  }
  return specs;
}

function needsHistory(check: ImageCheck): boolean {
  return check.historyLength !== undefined || check.historyContains !== undefined;
}

/** Pure: judge an image check; `subject` undefined = no such image. */
export function imageOutcome(check: ImageCheck, subject: ImageSubject | undefined): Outcome {
  const ref = check.image;
  const titleFor = (labels: string) => t('{0} of image {1}', labels, ref);
  if (check.absent) {
    const pass = !subject;
    return {
      pass,
      title: t('Image {0} is absent', ref),
      expected: t('absent'),
      actual: subject ? t('present ({0})', shortId(subject.info.Id)) : t('no such image'),
      hint: pass ? undefined : t('Remove it with `docker rmi {0}`.', ref),
    };
  }
  const specs = imageSpecs(check);
  if (specs.length === 0) {
    const title = t('Image {0} exists', ref);
    if (!subject) return missing({ pass: false, title, expected: t('exists'), actual: t('no such image'), hint: noSuchImageHint() }, 'image', ref);
    return { pass: true, title, expected: t('exists'), actual: t('present ({0})', shortId(subject.info.Id)) };
  }
  if (!subject) return missing(missingOutcome(titleFor, specs, t('no such image'), noSuchImageHint()), 'image', ref);
  return combine(titleFor, judgeAll(specs, subject));
}

export async function evaluateImage(check: ImageCheck, lookup: Lookup): Promise<Outcome> {
  const info = await lookup.image(check.image);
  if (!info) return imageOutcome(check, undefined);
  const [history, sameAs, differentFrom, layersNotIn] = await Promise.all([
    needsHistory(check) ? lookup.imageHistory(check.image) : Promise.resolve(undefined),
    check.sameAs ? lookup.image(check.sameAs) : Promise.resolve(undefined),
    check.differentFrom ? lookup.image(check.differentFrom) : Promise.resolve(undefined),
    check.layersNotIn ? lookup.image(check.layersNotIn.image) : Promise.resolve(undefined),
  ]);
  return imageOutcome(check, { info, history, sameAs, differentFrom, layersNotIn });
}

export const imageKind = defineKind({
  key: 'image',
  schema: imageCheck,
  evaluate: (check, { lookup }) => evaluateImage(check, lookup),
  describe: (check) => imageOutcome(check, undefined),
});
