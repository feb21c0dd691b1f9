// `volume:` checks over GET /volumes/{name}.
import * as z from 'zod';
import type { VolumeDetails } from '../../engine/types';
import { t } from '../../i18n';
import { type Outcome, combine, formatRecord, recordProp } from '../describe';
import type { Lookup } from '../lookup';
import { type PropSpec, judgeAll, missingOutcome, same, spec, verdictOf } from '../props';
import { common, defineKind, missing, nonEmpty } from './common';

export const volumeCheck = z.object({
  volume: nonEmpty,
  absent: z.boolean().optional(),
  driver: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  ...common,
}).strict();

export type VolumeCheck = z.infer<typeof volumeCheck>;
type Info = VolumeDetails;

/** Pure: judge a volume check (undefined = no such volume). */
export function volumeOutcome(check: VolumeCheck, info: Info | undefined): Outcome {
  const name = check.volume;
  if (check.absent) {
    return {
      pass: !info,
      title: t('Volume {0} is absent', name),
      expected: t('absent'),
      actual: info ? t('present') : t('no such volume'),
      hint: info ? t('Remove it with `docker volume rm {0}` (after removing the containers that use it).', name) : undefined,
    };
  }
  const specs: PropSpec<Info>[] = [];
  if (check.driver !== undefined) {
    const wanted = check.driver;
    specs.push(spec(t('driver'), wanted, (v) => same(wanted, v.Driver)));
  }
  if (check.labels) {
    const labels = check.labels;
    specs.push(spec(t('labels'), formatRecord(labels), (v) => verdictOf(recordProp('', labels, v.Labels ?? {}))));
  }
  const noSuch = t('Create it with `docker volume create {0}` (or run the step that creates it); list volumes with `docker volume ls`.', name);
  if (specs.length === 0) {
    const title = t('Volume {0} exists', name);
    if (!info) return missing({ pass: false, title, expected: t('exists'), actual: t('no such volume'), hint: noSuch }, 'volume', name);
    return { pass: true, title, expected: t('exists'), actual: t('present') };
  }
  const titleFor = (labels: string) => t('{0} of volume {1}', labels, name);
  if (!info) return missing(missingOutcome(titleFor, specs, t('no such volume'), noSuch), 'volume', name);
  return combine(titleFor, judgeAll(specs, info));
}

export async function evaluateVolume(check: VolumeCheck, lookup: Lookup): Promise<Outcome> {
  return volumeOutcome(check, await lookup.volume(check.volume));
}

export const volumeKind = defineKind({
  key: 'volume',
  schema: volumeCheck,
  evaluate: (check, { lookup }) => evaluateVolume(check, lookup),
  describe: (check) => volumeOutcome(check, undefined),
});
