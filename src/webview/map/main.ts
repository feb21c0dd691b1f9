// The 课程地图 (Course Map) page (bundled to dist/map/page.js, an IIFE): the chapters as stops on a winding path, each
// filled by its progress, the chapter the learner was last in marked; pointing at a stop shows its card, clicking it
// opens the lesson. Every text goes in with textContent, never as HTML; colours are the theme's (--vscode-*).
import './page.css';
import { formatDuration, layoutPath, type MapLayout } from '../../viewmodel/map/layout';
import { parseMapHostMessage, type CourseMapViewMessage, type MapPageMessage } from './protocol';
import { codicon as icon, el, fillPlaceholders } from '../dom';

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

type MapNode = CourseMapViewMessage['nodes'][number];

const vscode = acquireVsCodeApi();
const post = (message: MapPageMessage) => vscode.postMessage(message);
const root = document.getElementById('dl-root')!;
const SVG = 'http://www.w3.org/2000/svg';
/** The ring around a stop: radius and circumference (the fill is a dash of the circumference). */
const RING_R = 25;
const RING_C = 2 * Math.PI * RING_R;

let labels: Record<string, string> = {};
let view: CourseMapViewMessage | undefined;
let selected: string | undefined;
let canvas: HTMLElement | undefined;
let card: HTMLElement | undefined;

function label(key: string, ...args: (string | number)[]): string {
  return fillPlaceholders(labels[key] ?? key, args);
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

function duration(ms: number): string {
  return formatDuration(ms, {
    none: label('durationNone'), underMinute: label('durationUnderMinute'), minutes: label('durationMinutes'), hours: label('durationHours'),
  });
}

const STATE_LABEL: Record<MapNode['state'], string> = { todo: 'stateTodo', active: 'stateActive', done: 'stateDone' };
const pad = (order: number) => String(order).padStart(2, '0');

function stat(codicon: string, text: string, className: string): HTMLElement {
  const chip = el('span', `dl-map-stat ${className}`);
  chip.append(icon(codicon), el('span', undefined, text));
  return chip;
}

function render(): void {
  if (!view) return;
  const page = el('div', 'dl-map');
  const head = el('header', 'dl-map-head');
  const title = el('h1');
  title.append(icon('map'), el('span', undefined, label('heading')));
  const totals = view.totals;
  const stats = el('div', 'dl-map-stats');
  stats.append(
    stat('book', label('chapters', totals.chaptersDone, totals.chapters), 'dl-map-stat--chapters'),
    stat('pass', label('steps', totals.stepsDone, totals.steps), 'dl-map-stat--steps'),
    stat('watch', label('time', duration(totals.timeMs)), 'dl-map-stat--time'),
    stat('star-full', label('challenges', totals.challengesSolved, totals.challenges), 'dl-map-stat--challenges'),
  );
  head.append(title, stats);

  if (view.nodes.length === 0) {
    page.append(head, el('p', 'dl-map-empty', label('empty')));
    root.replaceChildren(page);
    return;
  }
  const body = el('div', 'dl-map-body');
  canvas = el('div', 'dl-map-canvas');
  card = el('aside', 'dl-map-card');
  card.setAttribute('aria-live', 'polite');
  body.append(card, canvas);
  const legend = el('footer', 'dl-map-legend');
  legend.setAttribute('aria-label', label('legend'));
  for (const [state, key] of [['todo', 'stateTodo'], ['active', 'stateActive'], ['done', 'stateDone'], ['current', 'current']] as const) {
    const item = el('span', `dl-map-legend-item dl-map-legend-item--${state}`);
    item.append(el('span', 'dl-map-legend-dot'), el('span', undefined, label(key)));
    legend.append(item);
  }
  legend.append(el('span', 'dl-map-hint', label('hint')));
  page.append(head, body, legend);
  root.replaceChildren(page);
  selected ??= (view.nodes.find((node) => node.current) ?? view.nodes.find((node) => node.state === 'active') ?? view.nodes[0]).id;
  drawPath();
  showCard(selected);
  canvas.querySelector<HTMLElement>('.dl-map-node--current')?.scrollIntoView({ block: 'nearest' });
  resize.disconnect();
  resize.observe(canvas);
}

const resize = new ResizeObserver(() => drawPath());

let drawnWidth = -1;

/** Lay the stops out for the canvas's width (again when it changes). */
function drawPath(): void {
  if (!view || !canvas) return;
  const width = Math.max(320, Math.floor(canvas.clientWidth));
  if (width === drawnWidth && canvas.childElementCount > 0) return;
  drawnWidth = width;
  const layout: MapLayout = layoutPath(view.nodes.length, width);
  canvas.style.height = `${layout.height}px`;
  const lines = svg('svg', { class: 'dl-map-path', width, height: layout.height, viewBox: `0 0 ${width} ${layout.height}`, 'aria-hidden': 'true' });
  layout.segments.forEach((d, i) => {
    const from = view!.nodes[i];
    const to = view!.nodes[i + 1];
    const walked = from.state === 'done' && to.state !== 'todo';
    lines.append(svg('path', { d, class: `dl-map-segment${walked ? ' dl-map-segment--walked' : ''}` }));
  });
  const stops = view.nodes.map((node, i) => stop(node, layout.points[i].x, layout.points[i].y));
  canvas.replaceChildren(lines, ...stops);
}

function stop(node: MapNode, x: number, y: number): HTMLElement {
  const button = el('button', `dl-map-node dl-map-node--${node.state}${node.current ? ' dl-map-node--current' : ''}${node.id === selected ? ' dl-map-node--selected' : ''}`);
  button.type = 'button';
  button.dataset.lessonId = node.id;
  button.dataset.state = node.state;
  button.style.left = `${x}px`;
  button.style.top = `${y}px`;
  button.setAttribute('aria-label', label('nodeLabel', node.order, node.title, label(STATE_LABEL[node.state]), node.done, node.total));
  button.title = `${label('chapter', node.order)} · ${node.title}`;

  const disc = el('span', 'dl-map-disc');
  const ring = svg('svg', { class: 'dl-map-ring', width: 62, height: 62, viewBox: '0 0 62 62', 'aria-hidden': 'true' });
  ring.append(svg('circle', { class: 'dl-map-ring-track', cx: 31, cy: 31, r: RING_R }));
  const fraction = node.state === 'done' ? 1 : node.percent / 100;
  if (fraction > 0) {
    ring.append(svg('circle', {
      class: 'dl-map-ring-fill', cx: 31, cy: 31, r: RING_R, transform: 'rotate(-90 31 31)',
      'stroke-dasharray': `${(RING_C * fraction).toFixed(1)} ${RING_C.toFixed(1)}`,
    }));
  }
  disc.append(ring, el('span', 'dl-map-number', pad(node.order)));
  if (node.state === 'done') disc.append(icon('pass-filled', 'dl-map-badge dl-map-badge--done'));
  if (node.current) disc.append(icon('location', 'dl-map-badge dl-map-badge--current'));
  const caption = el('span', 'dl-map-caption', node.shortTitle);
  const meta = el('span', 'dl-map-meta', node.total > 0 ? `${node.done}/${node.total}` : '');
  if (node.challengesTotal > 0) {
    const star = el('span', 'dl-map-meta-challenges');
    star.append(icon('star-full'), el('span', undefined, `${node.challengesSolved}/${node.challengesTotal}`));
    meta.append(star);
  }
  button.append(disc, caption, meta);
  button.addEventListener('mouseenter', () => showCard(node.id));
  button.addEventListener('focus', () => showCard(node.id));
  button.addEventListener('click', () => post({ type: 'open', lessonId: node.id }));
  return button;
}

function row(codicon: string, text: string, className: string, fraction?: number): HTMLElement {
  const line = el('div', `dl-map-card-row ${className}`);
  line.append(icon(codicon), el('span', undefined, text));
  if (fraction !== undefined) {
    const bar = el('span', 'dl-map-bar');
    const fill = el('span', 'dl-map-bar-fill');
    fill.style.width = `${Math.round(fraction * 100)}%`;
    bar.append(fill);
    line.append(bar);
  }
  return line;
}

function showCard(lessonId: string): void {
  const node = view?.nodes.find((candidate) => candidate.id === lessonId);
  if (!node || !card) return;
  selected = lessonId;
  for (const other of Array.from(canvas?.querySelectorAll<HTMLElement>('.dl-map-node') ?? [])) {
    other.classList.toggle('dl-map-node--selected', other.dataset.lessonId === lessonId);
  }
  const head = el('div', 'dl-map-card-head');
  head.append(el('span', 'dl-map-card-chapter', label('chapter', node.order)), el('span', `dl-map-pill dl-map-pill--${node.state}`, label(STATE_LABEL[node.state])));
  if (node.current) {
    // In the head line, so the card keeps its height from one chapter to the next (the path below must not jump).
    const here = el('span', 'dl-map-card-here');
    here.append(icon('location'), el('span', undefined, label('current')));
    head.append(here);
  }
  const about = el('div', 'dl-map-card-about');
  about.append(el('h2', 'dl-map-card-title', node.title), head);
  const children: HTMLElement[] = [about];
  children.push(node.total > 0
    ? row('pass', label('steps', node.done, node.total), 'dl-map-card-steps', node.done / node.total)
    : row('book', label('noSteps'), 'dl-map-card-steps'));
  children.push(row('watch', label('time', duration(node.timeMs)), 'dl-map-card-time'));
  children.push(node.challengesTotal > 0
    ? row('star-full', label('challenges', node.challengesSolved, node.challengesTotal), 'dl-map-card-challenges', node.challengesSolved / node.challengesTotal)
    : row('star-empty', label('noChallenges'), 'dl-map-card-challenges dl-map-card-row--muted'));
  const open = el('button', 'dl-button dl-map-open');
  open.type = 'button';
  open.append(icon('book'), el('span', undefined, label('open')));
  open.addEventListener('click', () => post({ type: 'open', lessonId: node.id }));
  children.push(open);
  card.replaceChildren(...children);
  card.dataset.lessonId = node.id;
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = parseMapHostMessage(event.data);
  if (!parsed.ok) {
    post({ type: 'log', level: 'warning', message: `dropped an invalid host message: ${parsed.error}`.slice(0, 2000) });
    return;
  }
  labels = parsed.value.labels;
  view = parsed.value.view;
  document.title = label('heading');
  drawnWidth = -1;
  render();
});

document.addEventListener('securitypolicyviolation', (event) => {
  post({ type: 'log', level: 'error', message: `CSP blocked ${event.effectiveDirective}: ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`.slice(0, 2000) });
});
window.addEventListener('error', (event) => post({ type: 'log', level: 'error', message: `${event.message} at ${event.filename}:${event.lineno}`.slice(0, 2000) }));

post({ type: 'ready' });
