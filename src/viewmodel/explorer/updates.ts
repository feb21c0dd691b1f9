// Incremental explorer updates: which objects a batch of engine events names, and how fetched objects change a
// snapshot. Pure (the controller does the fetching), so the rules are unit-tested without an engine.
import type {
  ContainerSummary, EngineEvent, EngineSnapshot, ImageSummary, NetworkSummary, ResourceKind, VolumeSummary,
} from '../../engine/types';

/** Above this many distinct objects of one kind in a batch, one list call is cheaper than one call per object. */
export const MAX_SINGLE_FETCHES = 16;

/** Actions that change nothing the explorer shows (exec, attach, resize, copy, volume mounts …). */
const QUIET_ACTION = /^(exec_|attach$|detach$|resize$|top$|archive-path$|extract-to-dir$|export$|commit$|mount$|unmount$|save$|prune$)/;

/** What one batch of events asks for, per kind: objects to fetch again, objects known gone, or the whole list. */
export interface UpdatePlan {
  fetch: Map<ResourceKind, Set<string>>;
  drop: Map<ResourceKind, Set<string>>;
  relist: Set<ResourceKind>;
}

function add(map: Map<ResourceKind, Set<string>>, kind: ResourceKind, key: string): void {
  let keys = map.get(kind);
  if (!keys) map.set(kind, (keys = new Set()));
  keys.add(key);
}

function remove(map: Map<ResourceKind, Set<string>>, kind: ResourceKind, key: string): void {
  const keys = map.get(kind);
  if (keys?.delete(key) && keys.size === 0) map.delete(kind);
}

/** Whether an event changes nothing the explorer shows (a health check's exec, a daemon reload …). */
export function isQuiet(event: EngineEvent): boolean {
  return event.kind === 'other' || QUIET_ACTION.test(event.action);
}

/** The objects an event names. Events are hints: the engine is asked for the object's current state. */
export function planUpdates(events: readonly EngineEvent[], maxSingle = MAX_SINGLE_FETCHES): UpdatePlan {
  const plan: UpdatePlan = { fetch: new Map(), drop: new Map(), relist: new Set() };
  for (const event of events) {
    if (event.kind === 'other' || isQuiet(event)) continue;
    const key = event.id || event.name;
    if (!key) {
      plan.relist.add(event.kind);
      continue;
    }
    if (event.kind === 'network' && (event.action === 'connect' || event.action === 'disconnect')) {
      // The network itself is unchanged; the container's network list (and so the network's users) changed.
      if (event.attributes.container) add(plan.fetch, 'container', event.attributes.container);
      continue;
    }
    const gone = event.action === 'destroy' || event.action === 'delete' || event.action === 'remove';
    if (gone) {
      remove(plan.fetch, event.kind, key);
      add(plan.drop, event.kind, key);
    } else {
      remove(plan.drop, event.kind, key);
      add(plan.fetch, event.kind, key);
    }
  }
  for (const [kind, keys] of plan.fetch) {
    if (keys.size > maxSingle) plan.relist.add(kind);
  }
  for (const kind of plan.relist) {
    plan.fetch.delete(kind);
    plan.drop.delete(kind);
  }
  return plan;
}

/** What the controller fetched for a plan: whole lists, and single objects (undefined = gone). */
export interface FetchedUpdates {
  containers?: ContainerSummary[];
  images?: ImageSummary[];
  volumes?: VolumeSummary[];
  networks?: NetworkSummary[];
  single: { kind: ResourceKind; key: string; value: ContainerSummary | ImageSummary | VolumeSummary | NetworkSummary | undefined }[];
  drop: Map<ResourceKind, Set<string>>;
}

const bareId = (id: string): string => id.replace(/^sha256:/, '');

/** Whether `key` (an id, a name, or an image reference from an event) names this object. */
function names(kind: ResourceKind, object: { id?: string; name?: string; repoTags?: string[] }, key: string): boolean {
  if (kind === 'image') {
    const image = object as ImageSummary;
    return bareId(image.id) === bareId(key) || image.repoTags.includes(key);
  }
  if (kind === 'volume') return (object as VolumeSummary).name === key;
  const { id, name } = object as { id: string; name: string };
  return id === key || name === key;
}

function keyOf(kind: ResourceKind, object: { id?: string; name?: string }): string {
  return kind === 'volume' ? (object as VolumeSummary).name : (object as { id: string }).id;
}

function upsert<T extends { id?: string; name?: string }>(kind: ResourceKind, list: T[], key: string, value: T | undefined): T[] {
  const next = list.filter((object) => !names(kind, object, key) && (value === undefined || keyOf(kind, object) !== keyOf(kind, value)));
  if (value !== undefined) next.push(value);
  return next;
}

/** A new snapshot with the fetched objects in place of the old ones; which kinds changed. */
export function applyUpdates(snapshot: EngineSnapshot, updates: FetchedUpdates, now = Date.now()): { snapshot: EngineSnapshot; changed: Set<ResourceKind> } {
  const next: EngineSnapshot = { ...snapshot, takenAt: now };
  const changed = new Set<ResourceKind>();
  if (updates.containers) { next.containers = updates.containers; changed.add('container'); }
  if (updates.images) { next.images = updates.images; changed.add('image'); }
  if (updates.volumes) { next.volumes = updates.volumes; changed.add('volume'); }
  if (updates.networks) { next.networks = updates.networks; changed.add('network'); }

  const listOf = (kind: ResourceKind): { id?: string; name?: string }[] => {
    switch (kind) {
      case 'container': return next.containers;
      case 'image': return next.images;
      case 'volume': return next.volumes;
      case 'network': return next.networks;
    }
  };
  const setList = (kind: ResourceKind, list: { id?: string; name?: string }[]): void => {
    if (kind === 'container') next.containers = list as ContainerSummary[];
    if (kind === 'image') next.images = list as ImageSummary[];
    if (kind === 'volume') next.volumes = list as VolumeSummary[];
    if (kind === 'network') next.networks = list as NetworkSummary[];
    changed.add(kind);
  };

  for (const [kind, keys] of updates.drop) {
    for (const key of keys) setList(kind, upsert(kind, listOf(kind), key, undefined));
  }
  for (const { kind, key, value } of updates.single) {
    let list = upsert(kind, listOf(kind), key, value);
    if (kind === 'image' && value) {
      // A tag names one image: a tag moved here (`docker tag`, a rebuild) leaves the image it was on.
      const image = value as ImageSummary;
      const tags = new Set(image.repoTags);
      list = (list as ImageSummary[]).map((other) => other === image || !other.repoTags.some((t) => tags.has(t)) ? other
        : { ...other, repoTags: other.repoTags.filter((t) => !tags.has(t)) });
    }
    setList(kind, list);
  }
  if (changed.has('container') || changed.has('network')) {
    const networks = withAttachedContainers(next.networks, next.containers);
    if (networks.some((network, i) => network !== next.networks[i])) changed.add('network');
    next.networks = networks;
  }
  return { snapshot: next, changed };
}

/** The networks' attached containers, from the containers' own network lists (the list endpoint leaves them out). */
export function withAttachedContainers(networks: readonly NetworkSummary[], containers: readonly ContainerSummary[]): NetworkSummary[] {
  const byNetwork = new Map<string, string[]>();
  for (const container of containers) {
    for (const network of container.networks) {
      const users = byNetwork.get(network) ?? [];
      users.push(container.name);
      byNetwork.set(network, users);
    }
  }
  return networks.map((network) => {
    const attached = (byNetwork.get(network.name) ?? []).sort();
    const same = attached.length === network.containers.length && attached.every((name, i) => name === network.containers[i]);
    return same ? network : { ...network, containers: attached };
  });
}
