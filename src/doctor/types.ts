// The doctor's findings: what it looked at, how bad it is, why (in Chinese and English) and what to do. The texts come
// in both languages at once, like the stand-in catalogue's descriptions: `--json` carries both, and each front end
// shows the one its user reads.
import type { UiLanguage } from '../i18n';

export type FindingLevel = 'ok' | 'warning' | 'error';

/** One text in both UI languages. */
export interface Bilingual {
  en: string;
  'zh-cn': string;
}

export function bilingual(en: string, zh: string): Bilingual {
  return { en, 'zh-cn': zh };
}

export function pick(text: Bilingual, language: UiLanguage): string {
  return language === 'en' ? text.en : text['zh-cn'];
}

/** The checks the doctor runs, in the order it reports them. */
export const FINDING_AREAS = [
  'docker-cli', 'engine', 'builder', 'compose', 'image-store', 'daemon-config', 'registry', 'proxy', 'disk',
] as const;
export type FindingArea = (typeof FINDING_AREAS)[number];

export interface Finding {
  area: FindingArea;
  /** Stable within an area, e.g. "mirror:https://mirror.example.com/" or "unknown-key:registry-mirror". */
  id: string;
  level: FindingLevel;
  /** Nothing could be looked at here (the engine runs elsewhere, a file is not readable …): shown as "not checked". */
  skipped?: boolean;
  title: Bilingual;
  /** What was found and why it matters. */
  detail: Bilingual;
  /** What to do; absent when there is nothing to do. */
  fix?: Bilingual;
}

export interface DoctorReport {
  /** The engine address asked (DOCKER_HOST style). */
  endpoint: string;
  /** The daemon.json looked at. */
  daemonConfigPath: string;
  findings: Finding[];
  counts: Record<FindingLevel, number>;
  /** 0 when no finding is an error, else 1 (the CLI's exit code). */
  exitCode: 0 | 1;
}

export function countLevels(findings: readonly Finding[]): Record<FindingLevel, number> {
  const counts: Record<FindingLevel, number> = { ok: 0, warning: 0, error: 0 };
  for (const finding of findings) counts[finding.level]++;
  return counts;
}
