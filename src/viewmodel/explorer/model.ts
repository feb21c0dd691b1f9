// The explorer's tree, computed from an EngineSnapshot. Pure and vscode-free so it is unit-tested in plain Node;
// the TreeDataProviders only translate these items into vscode.TreeItems.
import { t, uiLanguage } from '../../i18n';
import type {
  ContainerState, ContainerSummary, EngineSnapshot, ImageSummary, NetworkSummary, PortBinding, ResourceKind, VolumeSummary,
} from '../../engine/types';
import { isStandInImage, LESSON_LABEL } from '../../engine/types';

export type ExplorerView = 'containers' | 'images' | 'volumes' | 'networks';
export const EXPLORER_VIEWS: readonly ExplorerView[] = ['containers', 'images', 'volumes', 'networks'];

/** What a command invoked on an item acts on. */
export interface ExplorerTarget {
  kind: ResourceKind;
  /** Container/image/network id, or volume name. */
  id: string;
  /** The name shown to the user (container name, image reference, volume or network name). */
  name: string;
  state?: ContainerState;
}

export interface ExplorerItem {
  /** Stable across refreshes, so VS Code keeps expansion and selection. */
  id: string;
  label: string;
  description: string;
  /** Markdown. */
  tooltip: string;
  /** `viewItem` for menus: container:<state>, imageRepository, image, image:standin, volume, network:builtin|custom. */
  contextValue: string;
  /** A codicon id and an optional theme color id. */
  icon: { id: string; color?: string };
  children?: ExplorerItem[];
  target?: ExplorerTarget;
  /** More text the filter matches besides label and description (a container's Compose project, its lesson). */
  keywords?: string[];
}

/** Which views must be redrawn when the given kinds of objects changed (networks/volumes show container usage). */
export function viewsAffectedBy(kinds: Iterable<ResourceKind>): Set<ExplorerView> {
  const views = new Set<ExplorerView>();
  for (const kind of kinds) {
    if (kind === 'container') views.add('containers').add('volumes').add('networks');
    if (kind === 'image') views.add('images');
    if (kind === 'volume') views.add('volumes');
    if (kind === 'network') views.add('networks');
  }
  return views;
}

export function buildItems(view: ExplorerView, snapshot: EngineSnapshot, now = Date.now()): ExplorerItem[] {
  switch (view) {
    case 'containers': return containerItems(snapshot.containers, now);
    case 'images': return imageItems(snapshot.images, now);
    case 'volumes': return volumeItems(snapshot.volumes, snapshot.containers);
    case 'networks': return networkItems(snapshot.networks, snapshot.containers);
  }
}

// ---------------------------------------------------------------- formatting helpers

function locale(): string {
  return uiLanguage() === 'zh-cn' ? 'zh-CN' : 'en';
}

// Intl objects are costly to build and a tree of 1,000 rows formats 1,000 ages: one per locale.
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const collators = new Map<string, Intl.Collator>();

/** Natural order ("probe-2" before "probe-10"), case-insensitive, in the UI language. */
export function compareNames(a: string, b: string): number {
  const key = locale();
  let collator = collators.get(key);
  if (!collator) collators.set(key, (collator = new Intl.Collator(key, { numeric: true, sensitivity: 'base' })));
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** "3 minutes ago" / "3分钟前", in the UI language. */
export function relativeAge(createdSeconds: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round(now / 1000 - createdSeconds));
  const key = locale();
  let format = relativeFormats.get(key);
  if (!format) relativeFormats.set(key, (format = new Intl.RelativeTimeFormat(key, { numeric: 'always' })));
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 365 * 86400], ['month', 30 * 86400], ['week', 7 * 86400], ['day', 86400], ['hour', 3600], ['minute', 60],
  ];
  for (const [unit, size] of steps) {
    if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
  }
  return format.format(-seconds, 'second');
}

/** 1536 → "1.5 KB" (decimal units, as `docker images` prints them). */
export function humanSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) { value /= 1000; unit++; }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${Number(value.toFixed(digits))} ${units[unit]}`;
}

/** `0.0.0.0:8080→80/tcp`, `[::]:8080→80/tcp`, or `80/tcp` when not published. */
export function formatPort(port: PortBinding): string {
  const inside = `${port.privatePort}/${port.type}`;
  if (port.publicPort === undefined) return inside;
  const ip = port.ip ?? '0.0.0.0';
  const host = ip.includes(':') ? `[${ip}]` : ip;
  return `${host}:${port.publicPort}→${inside}`;
}

/** Docker lists each published port twice (IPv4 and IPv6); show the IPv6 twin only when there is no IPv4 one. */
export function formatPorts(ports: readonly PortBinding[]): string[] {
  const sorted = [...ports].sort((a, b) => a.privatePort - b.privatePort || (a.publicPort ?? 0) - (b.publicPort ?? 0)
    || Number((a.ip ?? '').includes(':')) - Number((b.ip ?? '').includes(':')) || (a.ip ?? '').localeCompare(b.ip ?? ''));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const port of sorted) {
    const key = `${port.publicPort ?? ''}>${port.privatePort}/${port.type}`;
    const isIpv6Twin = (port.ip ?? '').includes(':') && seen.has(key);
    if (isIpv6Twin) continue;
    if (port.publicPort === undefined && seen.has(key)) continue;
    seen.add(key);
    out.push(formatPort(port));
  }
  return out;
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** Escapes text for a Markdown tooltip (names and labels come from the engine, not from us). */
function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

function code(text: string): string {
  return '`' + text.replace(/`/g, "'") + '`';
}

function tooltipLines(title: string, rows: [string, string | undefined][]): string {
  const lines = [`**${md(title)}**`, ''];
  for (const [name, value] of rows) if (value) lines.push(`${name}: ${value}  `);
  return lines.join('\n');
}

/** At most this many labels in a hover, each value cut at LABEL_VALUE_MAX characters: images carry long descriptions. */
const LABELS_MAX = 6;
const LABEL_VALUE_MAX = 60;

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function labelsText(labels: Record<string, string>): string | undefined {
  const entries = Object.entries(labels).sort(([a], [b]) => compareNames(a, b));
  if (entries.length === 0) return undefined;
  const shown = entries.slice(0, LABELS_MAX).map(([k, v]) => code(`${k}=${cut(v, LABEL_VALUE_MAX)}`));
  if (entries.length > LABELS_MAX) shown.push(t('… and {0} more', entries.length - LABELS_MAX));
  return shown.join(', ');
}

/** A list for a hover, at most `max` entries (a stand-in tagged 1,000 times must not fill the screen). */
function capped(entries: string[], max = 12): string {
  if (entries.length <= max) return entries.join(', ');
  return `${entries.slice(0, max).join(', ')} ${t('… and {0} more', entries.length - max)}`;
}

function joinParts(parts: (string | undefined)[]): string {
  return parts.filter((p) => p).join(' · ');
}

// ---------------------------------------------------------------- containers

const STATE_ORDER: Record<ContainerState, number> = {
  running: 0, restarting: 1, paused: 2, created: 3, exited: 4, dead: 5, removing: 6,
};

function containerIcon(state: ContainerState): ExplorerItem['icon'] {
  switch (state) {
    case 'running': return { id: 'debug-start', color: 'charts.green' };
    case 'paused': return { id: 'debug-pause', color: 'charts.yellow' };
    case 'restarting': return { id: 'debug-restart', color: 'charts.yellow' };
    case 'created': return { id: 'circle-outline' };
    case 'exited': return { id: 'debug-stop' };
    case 'dead': return { id: 'error', color: 'charts.red' };
    case 'removing': return { id: 'trash' };
  }
}

export function stateName(state: ContainerState): string {
  switch (state) {
    case 'running': return t('running');
    case 'paused': return t('paused');
    case 'restarting': return t('restarting');
    case 'created': return t('created');
    case 'exited': return t('exited');
    case 'dead': return t('dead');
    case 'removing': return t('removing');
  }
}

export function containerItems(containers: readonly ContainerSummary[], now = Date.now()): ExplorerItem[] {
  const sorted = [...containers].sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || compareNames(a.name, b.name));
  return sorted.map((c) => {
    const ports = formatPorts(c.ports);
    const mounts = c.mounts.map((m) => code(`${m.name ?? m.source} → ${m.destination}${m.readOnly ? ' (ro)' : ''}`));
    return {
      id: `container:${c.id}`,
      label: c.name,
      // A container run from an image ID lists that ID as its image: shorten it like `docker ps` does.
      description: joinParts([c.image.startsWith('sha256:') ? shortId(c.image) : c.image, ports.join(', '), relativeAge(c.created, now)]),
      tooltip: tooltipLines(c.name, [
        [t('ID'), code(shortId(c.id))],
        [t('Image'), code(c.image)],
        [t('State'), `${stateName(c.state)} (${md(c.status)})`],
        [t('Ports'), ports.map(code).join(', ')],
        [t('Mounts'), mounts.join(', ')],
        [t('Networks'), c.networks.map(code).join(', ')],
        ...containerLabelRows(c.labels),
      ]),
      contextValue: `container:${c.state}`,
      icon: containerIcon(c.state),
      target: { kind: 'container', id: c.id, name: c.name, state: c.state },
      keywords: [c.labels[`${COMPOSE_PREFIX}project`], c.labels[`${COMPOSE_PREFIX}service`], c.labels[LESSON_LABEL]]
        .filter((k): k is string => k !== undefined),
    };
  });
}

const COMPOSE_PREFIX = 'com.docker.compose.';

/**
 * A container's labels for its hover: Compose's many labels as one line (project, service, replica), the label the
 * course's runner puts on what a lesson creates explained, and the rest capped.
 */
function containerLabelRows(labels: Record<string, string>): [string, string | undefined][] {
  const rows: [string, string | undefined][] = [];
  const project = labels[`${COMPOSE_PREFIX}project`];
  if (project !== undefined) {
    const service = labels[`${COMPOSE_PREFIX}service`];
    const replica = labels[`${COMPOSE_PREFIX}container-number`];
    rows.push([t('Compose'), [t('project {0}', code(project)), service && t('service {0}', code(service)),
      replica && t('replica {0}', replica)].filter(Boolean).join(', ')]);
  }
  const lesson = labels[LESSON_LABEL];
  if (lesson !== undefined) {
    rows.push([t('Lesson'), t('{0}: made by a step of lesson {1}; resetting that lesson removes it', code(`${LESSON_LABEL}=${lesson}`), code(lesson))]);
  }
  const rest = Object.fromEntries(Object.entries(labels).filter(([k]) => !k.startsWith(COMPOSE_PREFIX) && k !== LESSON_LABEL));
  rows.push([t('Labels'), labelsText(rest)]);
  return rows;
}

// ---------------------------------------------------------------- images

export function isStandIn(image: ImageSummary): boolean {
  return isStandInImage(image);
}

/** Splits "registry:5000/ns/app:1.0" into repository and tag at the last ':' after the last '/'. */
export function splitReference(ref: string): { repository: string; tag: string } {
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) return { repository: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { repository: ref, tag: 'latest' };
}

const NONE = '<none>';

export function imageItems(images: readonly ImageSummary[], now = Date.now()): ExplorerItem[] {
  const groups = new Map<string, ExplorerItem[]>();
  const add = (repository: string, item: ExplorerItem) => {
    const list = groups.get(repository) ?? [];
    list.push(item);
    groups.set(repository, list);
  };
  for (const image of images) {
    const refs = image.repoTags.filter((r) => r !== '<none>:<none>');
    // Shared by the image's tags (a stand-in may carry a thousand): computed once per image.
    const facts = imageFacts(image, refs, now);
    if (refs.length === 0) {
      add(NONE, imageItem(image, facts, shortId(image.id), shortId(image.id)));
      continue;
    }
    for (const ref of refs) {
      const { repository, tag } = splitReference(ref);
      add(repository, imageItem(image, facts, tag, ref));
    }
  }
  const repositories = [...groups.keys()].sort((a, b) => (a === NONE ? 1 : b === NONE ? -1 : compareNames(a, b)));
  return repositories.map((repository) => {
    const children = groups.get(repository)!.sort((a, b) => compareNames(a.label, b.label));
    const allStandIns = children.every((c) => c.contextValue === 'image:standin');
    return {
      id: `imageRepository:${repository}`,
      label: repository,
      description: joinParts([allStandIns ? t('stand-in') : undefined, children.length > 1 ? t('{0} tags', children.length) : undefined]),
      tooltip: tooltipLines(repository, [[t('Tags'), capped(children.map((c) => code(c.label)))]]),
      contextValue: 'imageRepository',
      icon: { id: allStandIns ? 'beaker' : 'repo' },
      children,
    };
  });
}

interface ImageFacts {
  standIn: boolean;
  description: string;
  rows: [string, string | undefined][];
}

function imageFacts(image: ImageSummary, refs: string[], now: number): ImageFacts {
  const standIn = isStandIn(image);
  const size = humanSize(image.size);
  const age = relativeAge(image.created, now);
  return {
    standIn,
    description: joinParts([standIn ? t('stand-in') : undefined, size, age]),
    rows: [
      [t('ID'), code(shortId(image.id))],
      [t('Tags'), capped(refs.map(code))],
      [t('Size'), size],
      [t('Created'), age],
      [t('Stand-in'), standIn ? t('a small local practice image that stands in for the real one (it cannot be pulled here)') : undefined],
      [t('Labels'), labelsText(image.labels)],
    ],
  };
}

function imageItem(image: ImageSummary, facts: ImageFacts, label: string, ref: string): ExplorerItem {
  return {
    id: `image:${image.id}:${ref}`,
    label,
    description: facts.description,
    tooltip: tooltipLines(ref, facts.rows),
    contextValue: facts.standIn ? 'image:standin' : 'image',
    icon: facts.standIn ? { id: 'beaker', color: 'charts.purple' } : { id: 'package' },
    target: { kind: 'image', id: image.id, name: ref },
  };
}

// ---------------------------------------------------------------- volumes

export function volumeItems(volumes: readonly VolumeSummary[], containers: readonly ContainerSummary[] = []): ExplorerItem[] {
  return [...volumes].sort((a, b) => compareNames(a.name, b.name)).map((v) => {
    const users = containers.filter((c) => c.mounts.some((m) => m.type === 'volume' && m.name === v.name)).map((c) => c.name);
    const anonymous = /^[0-9a-f]{64}$/.test(v.name);
    return {
      id: `volume:${v.name}`,
      label: anonymous ? shortId(v.name) : v.name,
      description: joinParts([anonymous ? t('anonymous') : undefined, v.driver, v.mountpoint,
        users.length ? t('used by {0}', users.join(', ')) : undefined]),
      tooltip: tooltipLines(v.name, [
        [t('Driver'), code(v.driver)],
        [t('Mountpoint'), code(v.mountpoint)],
        [t('Used by'), capped(users.map(code))],
        [t('Labels'), labelsText(v.labels)],
      ]),
      contextValue: 'volume',
      icon: { id: 'database' },
      target: { kind: 'volume', id: v.name, name: v.name },
    };
  });
}

// ---------------------------------------------------------------- networks

export const BUILTIN_NETWORKS: ReadonlySet<string> = new Set(['bridge', 'host', 'none']);

export function networkItems(networks: readonly NetworkSummary[], containers: readonly ContainerSummary[] = []): ExplorerItem[] {
  const sorted = [...networks].sort((a, b) => Number(BUILTIN_NETWORKS.has(a.name)) - Number(BUILTIN_NETWORKS.has(b.name))
    || compareNames(a.name, b.name));
  return sorted.map((n) => {
    const builtin = BUILTIN_NETWORKS.has(n.name);
    // The list endpoint often omits attached containers; the containers' own network lists are authoritative.
    const attached = new Set([...n.containers, ...containers.filter((c) => c.networks.includes(n.name)).map((c) => c.name)]);
    return {
      id: `network:${n.id}`,
      label: n.name,
      description: joinParts([builtin ? t('built-in') : undefined, n.driver, n.subnets.join(', '),
        attached.size ? t('{0} attached', attached.size) : undefined]),
      tooltip: tooltipLines(n.name, [
        [t('ID'), code(shortId(n.id))],
        [t('Driver'), code(n.driver)],
        [t('Subnets'), n.subnets.map(code).join(', ')],
        [t('Containers'), capped([...attached].sort(compareNames).map(code))],
        [t('Built-in'), builtin ? t('created by Docker; it cannot be removed') : undefined],
        [t('Labels'), labelsText(n.labels)],
      ]),
      contextValue: builtin ? 'network:builtin' : 'network:custom',
      icon: { id: builtin ? 'globe' : 'type-hierarchy' },
      target: { kind: 'network', id: n.id, name: n.name },
    };
  });
}

// ---------------------------------------------------------------- filter and counts

/**
 * The items whose label, description or keywords contain `text` (case-insensitive). A group (an image repository)
 * that matches keeps all its children; otherwise it keeps those that match, and goes when none does.
 */
export function filterItems(items: readonly ExplorerItem[], text: string): ExplorerItem[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [...items];
  const matches = (item: ExplorerItem) => [item.label, item.description, ...(item.keywords ?? [])]
    .some((field) => field.toLowerCase().includes(needle));
  const out: ExplorerItem[] = [];
  for (const item of items) {
    if (matches(item)) {
      out.push(item);
    } else if (item.children) {
      const children = filterItems(item.children, needle);
      if (children.length > 0) out.push({ ...item, children });
    }
  }
  return out;
}

/** Rows that stand for objects (image tags, not their repositories). */
function objectCount(items: readonly ExplorerItem[]): number {
  return items.reduce((n, item) => n + (item.children ? objectCount(item.children) : 1), 0);
}

/** The text beside a view's title: how many objects it lists, or how many of them the filter lets through. */
export function viewDescription(view: ExplorerView, snapshot: EngineSnapshot | undefined, filter = ''): string {
  if (!snapshot) return '';
  if (filter.trim()) {
    const items = buildItems(view, snapshot);
    return t('filter "{0}": {1} of {2}', filter.trim(), objectCount(filterItems(items, filter)), objectCount(items));
  }
  switch (view) {
    case 'containers':
      return t('{0} running, {1} in all', snapshot.containers.filter((c) => c.state === 'running').length, snapshot.containers.length);
    case 'images': {
      const tags = snapshot.images.reduce((n, i) => n + i.repoTags.length, 0);
      return joinParts([
        snapshot.images.length === 1 ? t('1 image') : t('{0} images', snapshot.images.length),
        tags === 1 ? t('1 tag') : t('{0} tags', tags),
      ]);
    }
    case 'volumes': return snapshot.volumes.length === 1 ? t('1 volume') : t('{0} volumes', snapshot.volumes.length);
    case 'networks': return snapshot.networks.length === 1 ? t('1 network') : t('{0} networks', snapshot.networks.length);
  }
}

/** Depth-first list of an item tree (the test API reports nested image tags too). */
export function flatten(items: readonly ExplorerItem[]): ExplorerItem[] {
  return items.flatMap((item) => [item, ...flatten(item.children ?? [])]);
}
