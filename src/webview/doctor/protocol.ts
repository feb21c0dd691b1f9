// The messages between the 环境体检 (Check My Docker Setup) page and the extension host. Both sides parse what they
// receive with these schemas. The page only asks to check again or to copy the report; it never names a command.
// A namespace import lets esbuild drop zod's locales from the page bundle.
import * as z from 'zod';
import { FINDING_AREAS, pick, type DoctorReport } from '../../doctor/types';
import type { UiLanguage } from '../../i18n';

export const findingView = z.object({
  id: z.string().max(500),
  area: z.enum(FINDING_AREAS),
  level: z.enum(['ok', 'warning', 'error']),
  skipped: z.boolean(),
  title: z.string(),
  detail: z.string(),
  fix: z.string().optional(),
});
export type FindingView = z.infer<typeof findingView>;

const count = z.number().int().min(0);

/** A report in one language, as the page shows it. */
export const doctorView = z.object({
  endpoint: z.string(),
  daemonConfigPath: z.string(),
  findings: z.array(findingView).max(200),
  counts: z.object({ ok: count, warning: count, error: count }),
  /** When the check finished, already formatted for the UI language. */
  checkedAt: z.string(),
});
export type DoctorView = z.infer<typeof doctorView>;

/** Host → page: the check is running, finished, or could not run at all; with the page's labels. */
export const doctorHostMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('running'), labels: z.record(z.string(), z.string()) }),
  z.object({ type: z.literal('report'), view: doctorView, labels: z.record(z.string(), z.string()) }),
  z.object({ type: z.literal('failed'), message: z.string(), labels: z.record(z.string(), z.string()) }),
  z.object({ type: z.literal('copied') }),
]);
export type DoctorHostMessage = z.infer<typeof doctorHostMessage>;

/** Page → host. */
export const doctorPageMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('rerun') }),
  z.object({ type: z.literal('copy') }),
]);
export type DoctorPageMessage = z.infer<typeof doctorPageMessage>;

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function parseWith<T>(schema: z.ZodType<T>, raw: unknown): Parsed<T> {
  const result = schema.safeParse(raw);
  return result.success ? { ok: true, value: result.data } : { ok: false, error: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

export const parseDoctorHostMessage = (raw: unknown): Parsed<DoctorHostMessage> => parseWith(doctorHostMessage, raw);
export const parseDoctorPageMessage = (raw: unknown): Parsed<DoctorPageMessage> => parseWith(doctorPageMessage, raw);

/** The report in the learner's language. */
export function doctorViewOf(report: DoctorReport, language: UiLanguage, checkedAt: string): DoctorView {
  return {
    endpoint: report.endpoint,
    daemonConfigPath: report.daemonConfigPath,
    counts: report.counts,
    checkedAt,
    findings: report.findings.map((finding) => ({
      id: finding.id, area: finding.area, level: finding.level, skipped: finding.skipped ?? false,
      title: pick(finding.title, language), detail: pick(finding.detail, language),
      ...(finding.fix ? { fix: pick(finding.fix, language) } : {}),
    })),
  };
}

/** The page's words, keyed; the host translates them (vscode.l10n.t) and sends them with every state. */
export const DOCTOR_LABELS = {
  heading: 'Check My Docker Setup',
  running: 'Checking the Docker setup…',
  rerun: 'Check again',
  copy: 'Copy report',
  copied: 'Copied to the clipboard.',
  engine: 'Engine: {0}',
  daemonConfig: 'daemon.json: {0}',
  checkedAt: 'Checked at {0}',
  summary: 'ok: {0} · warnings: {1} · errors: {2}',
  fix: 'What to do',
  notChecked: 'not checked',
  failed: 'The check could not run: {0}',
  levelOk: 'Fine',
  levelWarning: 'Worth a look',
  levelError: 'Must fix',
  groupTools: 'Docker and its tools',
  groupConfig: 'Daemon configuration',
  groupNetwork: 'Registries, mirrors and proxy',
  groupDisk: 'Disk',
  allGood: 'Everything the lessons need is in place.',
} as const;
export type DoctorLabel = keyof typeof DOCTOR_LABELS;

export function doctorLabels(translate: (message: string) => string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, message] of Object.entries(DOCTOR_LABELS)) labels[key] = translate(message);
  return labels;
}
