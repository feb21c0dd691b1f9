// The 环境体检 (Check My Docker Setup) page (bundled to dist/doctor/page.js, an IIFE). It draws what the host sends —
// every text with textContent, never as HTML — and reports two clicks: check again, copy the report.
import './page.css';
import { parseDoctorHostMessage, type DoctorHostMessage, type DoctorPageMessage, type DoctorView, type FindingView } from './protocol';
import { codicon as icon, el, fillPlaceholders } from '../dom';

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (message: DoctorPageMessage) => vscode.postMessage(message);
const root = document.getElementById('dl-root')!;
let labels: Record<string, string> = {};

function label(key: string, ...args: (string | number)[]): string {
  return fillPlaceholders(labels[key] ?? key, args);
}

function button(text: string, codicon: string, onClick: () => void, secondary = false): HTMLButtonElement {
  const node = el('button', secondary ? 'dl-button dl-button-secondary' : 'dl-button');
  node.type = 'button';
  node.append(icon(codicon), el('span', undefined, text));
  node.addEventListener('click', onClick);
  return node;
}

const LEVEL_ICONS: Record<FindingView['level'], string> = { ok: 'pass-filled', warning: 'warning', error: 'error' };
const GROUPS: { key: string; areas: FindingView['area'][] }[] = [
  { key: 'groupTools', areas: ['docker-cli', 'engine', 'builder', 'compose', 'image-store'] },
  { key: 'groupConfig', areas: ['daemon-config'] },
  { key: 'groupNetwork', areas: ['registry', 'proxy'] },
  { key: 'groupDisk', areas: ['disk'] },
];

function header(busy: boolean): HTMLElement {
  const head = el('header', 'dl-doctor-head');
  const title = el('h1');
  title.append(icon('pulse'), el('span', undefined, label('heading')));
  const actions = el('div', 'dl-doctor-actions');
  const rerun = button(label('rerun'), busy ? 'loading' : 'refresh', () => post({ type: 'rerun' }));
  rerun.disabled = busy;
  if (busy) rerun.querySelector('.codicon')?.classList.add('codicon-modifier-spin');
  actions.append(rerun);
  if (!busy) actions.append(button(label('copy'), 'copy', () => post({ type: 'copy' }), true));
  head.append(title, actions);
  return head;
}

function findingCard(finding: FindingView): HTMLElement {
  const level = finding.skipped ? 'skipped' : finding.level;
  const card = el('article', `dl-finding dl-level-${level}`);
  card.dataset.findingId = finding.id;
  const head = el('div', 'dl-finding-head');
  const mark = icon(finding.skipped ? 'circle-slash' : LEVEL_ICONS[finding.level], 'dl-finding-icon');
  const levelText = finding.skipped ? label('notChecked')
    : label(finding.level === 'ok' ? 'levelOk' : finding.level === 'warning' ? 'levelWarning' : 'levelError');
  head.append(mark, el('h3', 'dl-finding-title', finding.title), el('span', 'dl-finding-level', levelText));
  card.append(head, el('p', 'dl-finding-detail', finding.detail));
  if (finding.fix) {
    const fix = el('div', 'dl-finding-fix');
    const caption = el('div', 'dl-finding-fix-caption');
    caption.append(icon('lightbulb'), el('span', undefined, label('fix')));
    fix.append(caption, el('p', undefined, finding.fix));
    card.append(fix);
  }
  return card;
}

function summary(view: DoctorView): HTMLElement {
  const box = el('div', 'dl-doctor-summary');
  const counts = el('div', 'dl-doctor-counts');
  const part = (level: 'ok' | 'warning' | 'error', value: number) => {
    const chip = el('span', `dl-count dl-level-${level}`);
    chip.append(icon(LEVEL_ICONS[level]), el('span', undefined, String(value)));
    return chip;
  };
  counts.append(part('ok', view.counts.ok), part('warning', view.counts.warning), part('error', view.counts.error),
    el('span', 'dl-muted', label('summary', view.counts.ok, view.counts.warning, view.counts.error)));
  box.append(counts);
  const meta = el('div', 'dl-doctor-meta');
  meta.append(el('div', undefined, label('engine', view.endpoint)), el('div', undefined, label('daemonConfig', view.daemonConfigPath)),
    el('div', 'dl-muted', label('checkedAt', view.checkedAt)));
  box.append(meta);
  if (view.counts.warning === 0 && view.counts.error === 0) {
    const good = el('p', 'dl-doctor-allgood');
    good.append(icon('check-all'), el('span', undefined, label('allGood')));
    box.append(good);
  }
  return box;
}

function draw(message: Exclude<DoctorHostMessage, { type: 'copied' }>): void {
  labels = message.labels;
  document.title = label('heading');
  root.replaceChildren();
  const page = el('main', 'dl-doctor');
  page.setAttribute('aria-busy', String(message.type === 'running'));
  page.append(header(message.type === 'running'));
  if (message.type === 'running') {
    const waiting = el('p', 'dl-doctor-running');
    waiting.append(icon('loading', 'codicon-modifier-spin'), el('span', undefined, label('running')));
    page.append(waiting);
  } else if (message.type === 'failed') {
    const failed = el('p', 'dl-finding dl-level-error');
    failed.append(icon('error', 'dl-finding-icon'), el('span', undefined, label('failed', message.message)));
    page.append(failed);
  } else {
    page.append(summary(message.view));
    for (const group of GROUPS) {
      const findings = message.view.findings.filter((finding) => group.areas.includes(finding.area));
      if (findings.length === 0) continue;
      const section = el('section', 'dl-doctor-group');
      section.append(el('h2', undefined, label(group.key)), ...findings.map(findingCard));
      page.append(section);
    }
  }
  const status = el('div', 'dl-doctor-status');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  page.append(status);
  root.append(page);
}

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = parseDoctorHostMessage(event.data);
  if (!parsed.ok) return;
  const message = parsed.value;
  if (message.type === 'copied') {
    const status = root.querySelector('.dl-doctor-status');
    if (status) status.textContent = label('copied');
    return;
  }
  draw(message);
});

post({ type: 'ready' });
