// Reset a lesson: remove what it recorded (if it still exists as recorded) plus anything carrying its label, after
// showing the list. Never anything else: not a learner's own same-name objects, never the stand-in images.
import * as fs from 'fs';
import type { DockerEngine } from '../engine/api';
import { isEngineError } from '../engine/errors';
import { LESSON_LABEL, isStandInImage, isStandInOwnTag } from '../engine/types';
import { t } from '../i18n';
import type { Lesson } from '../lessons/schema';
import { normalizeImageRef, takeSnapshot, type EngineState } from './record';
import type { CreatedObject, CreatedObjectStore } from './types';
import { lessonWorkDir } from './workdir';

export type ResetKind = 'container' | 'service' | 'secret' | 'config' | 'network' | 'volume' | 'image-tag' | 'image' | 'swarm' | 'files';

export interface ResetItem {
  kind: ResetKind;
  /** Name or tag (files: the working folder). */
  name: string;
  /** Engine id where known. */
  id?: string;
  /** Why it is on the list: recorded by a run, or carrying the lesson label. */
  reason: 'recorded' | 'label' | 'workdir';
}

export interface ResetOptions {
  engine: DockerEngine;
  store: CreatedObjectStore;
  /** The CLI's work root; the working folder `<workRoot>/<lessonId>` is removed too. */
  workRoot?: string;
  /** Shown the list; return false to cancel. Not called for a dry run. */
  confirm?: (items: ResetItem[]) => Promise<boolean>;
  dryRun?: boolean;
}

export interface ResetResult {
  lessonId: string;
  planned: ResetItem[];
  removed: ResetItem[];
  failed: { item: ResetItem; error: string }[];
  /** The confirmation was declined. */
  cancelled: boolean;
  dryRun: boolean;
}

// The swarm goes right after its services: leaving it frees what it holds on to, so the networks and volumes after it can
// go too (a stack's named volume still mounted by a task container, the docker_gwbridge network `swarm init` made).
// A secret or config goes after the services that use it (the swarm refuses while one does).
const ORDER: ResetKind[] = ['container', 'service', 'secret', 'config', 'swarm', 'network', 'volume', 'image-tag', 'image', 'files'];

/** Collects removal items once each (tags one by one: two tags on one image are two items). */
class Plan {
  readonly items: ResetItem[] = [];
  private readonly seen = new Set<string>();

  add(item: ResetItem): void {
    const key = item.kind === 'image-tag' ? `${item.kind}\u0000${item.name}` : `${item.kind}\u0000${item.id ?? item.name}`;
    if (!this.seen.has(key)) {
      this.seen.add(key);
      this.items.push(item);
    }
  }

  /** In removal order. */
  sorted(): ResetItem[] {
    return this.items.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  }
}

/** Recorded objects that still exist as recorded. */
async function addRecorded(plan: Plan, engine: DockerEngine, state: EngineState, recorded: readonly CreatedObject[]): Promise<void> {
  // Never remove a practice stand-in or one of its own tags; a tag a lesson added to one (docker tag nginx x) may go.
  const standinIds = new Set([...state.images]
    .filter(([, image]) => isStandInImage({ labels: image.labels, repoTags: image.tags })).map(([id]) => id));
  const tagOwner = new Map<string, string>();
  for (const [id, image] of state.images) for (const tag of image.tags) tagOwner.set(tag, id);

  for (const object of recorded) {
    switch (object.kind) {
      case 'container': {
        // Only the very container we recorded: a same-name container made later by the learner has another id.
        const current = object.id ? state.containers.get(object.id) : undefined;
        if (current) plan.add({ kind: 'container', name: current.name, id: object.id, reason: 'recorded' });
        break;
      }
      case 'network': {
        const current = object.id ? state.networks.get(object.id) : undefined;
        if (current) plan.add({ kind: 'network', name: current.name, id: object.id, reason: 'recorded' });
        break;
      }
      case 'volume':
        if (state.volumes.has(object.name)) plan.add({ kind: 'volume', name: object.name, reason: 'recorded' });
        break;
      case 'service': {
        const current = [...state.services].find(([id, s]) => id === object.id || (!object.id && s.name === object.name));
        if (current) plan.add({ kind: 'service', name: current[1].name, id: current[0], reason: 'recorded' });
        break;
      }
      case 'secret':
      case 'config': {
        const current = object.id ? state.swarmObjects.get(object.id) : undefined;
        if (current) plan.add({ kind: current.kind, name: current.name, id: object.id, reason: 'recorded' });
        break;
      }
      case 'image': {
        if (object.id) {
          if (state.images.has(object.id) && !standinIds.has(object.id)) plan.add({ kind: 'image', name: object.name, id: object.id, reason: 'recorded' });
        } else {
          const tag = normalizeImageRef(object.name);
          const owner = tagOwner.get(tag);
          const image = owner ? state.images.get(owner) : undefined;
          if (owner && image && !isStandInOwnTag({ labels: image.labels, repoTags: image.tags }, tag)) {
            plan.add({ kind: 'image-tag', name: tag, id: owner, reason: 'recorded' });
          }
        }
        break;
      }
      case 'swarm':
        if (state.swarm === 'active') {
          plan.add({ kind: 'swarm', name: 'swarm', reason: 'recorded' });
          const gwbridge = await swarmGatewayBridge(engine);
          if (gwbridge) plan.add({ kind: 'network', name: GWBRIDGE, id: gwbridge, reason: 'recorded' });
        } else {
          // The lesson's swarm is gone (`swarm leave --force`), yet its task containers linger a moment while the
          // engine deletes them: they can only be that swarm's, so go with them (and their anonymous volumes).
          for (const [id, c] of state.containers) {
            if (c.labels[SWARM_TASK_LABEL] !== undefined) plan.add({ kind: 'container', name: c.name, id, reason: 'recorded' });
          }
        }
        break;
      case 'file':
        break; // files are covered by the working folder (reset) or restored (a step run again)
      case 'service-spec':
        break; // a definition to put back when its step runs again (rerun.ts), nothing to remove
    }
  }
}

/** What reset would remove, in removal order. */
export async function planReset(lesson: Lesson, engine: DockerEngine, recorded: CreatedObject[], workRoot?: string): Promise<ResetItem[]> {
  const lessonId = lesson.meta.id;
  const ours = (labels: Record<string, string> | undefined) => labels?.[LESSON_LABEL] === lessonId;
  const state = await takeSnapshot(engine);
  const plan = new Plan();
  await addRecorded(plan, engine, state, recorded);

  for (const [id, c] of state.containers) if (ours(c.labels)) plan.add({ kind: 'container', name: c.name, id, reason: 'label' });
  for (const [id, s] of state.services) if (ours(s.labels)) plan.add({ kind: 'service', name: s.name, id, reason: 'label' });
  for (const [id, n] of state.networks) if (ours(n.labels)) plan.add({ kind: 'network', name: n.name, id, reason: 'label' });
  for (const [name, v] of state.volumes) if (ours(v.labels)) plan.add({ kind: 'volume', name, reason: 'label' });
  for (const [id, o] of state.swarmObjects) if (ours(o.labels)) plan.add({ kind: o.kind, name: o.name, id, reason: 'label' });
  // Images the lesson built carry its label (`docker build --label`), even when built FROM a stand-in.
  for (const [id, image] of state.images) {
    if (!ours(image.labels)) continue;
    for (const tag of image.tags) plan.add({ kind: 'image-tag', name: tag, id, reason: 'label' });
    plan.add({ kind: 'image', name: image.tags[0] ?? id, id, reason: 'label' });
  }

  if (workRoot) {
    const dir = lessonWorkDir(workRoot, lessonId);
    if (fs.existsSync(dir)) plan.add({ kind: 'files', name: dir, reason: 'workdir' });
  }
  return plan.sorted();
}

/**
 * What to remove before steps run again: what they made last time (`recorded`: the record's entries of those steps) and
 * objects carrying the lesson's label under a name they make (`made`: containers, volumes, networks and services
 * their commands name). Containers of the lesson that use a volume or network on the list go first, or it could not
 * go. Images stay: running the step again re-tags them, and removing them would lose the build cache. `state`: the
 * engine as the caller just saw it (else a snapshot is taken).
 */
export async function planStepRemoval(lesson: Lesson, engine: DockerEngine, recorded: readonly CreatedObject[],
  made: readonly { kind: string; name: string }[], state?: EngineState): Promise<ResetItem[]> {
  const lessonId = lesson.meta.id;
  const ours = (labels: Record<string, string> | undefined) => labels?.[LESSON_LABEL] === lessonId;
  state ??= await takeSnapshot(engine);
  const plan = new Plan();
  await addRecorded(plan, engine, state, recorded.filter((object) => object.kind !== 'image'));
  const named = (kind: string) => new Set(made.filter((object) => object.kind === kind).map((object) => object.name));
  const [containers, volumes, networks, services] = [named('container'), named('volume'), named('network'), named('service')];
  for (const [id, c] of state.containers) if (ours(c.labels) && containers.has(c.name)) plan.add({ kind: 'container', name: c.name, id, reason: 'label' });
  for (const [id, s] of state.services) if (ours(s.labels) && services.has(s.name)) plan.add({ kind: 'service', name: s.name, id, reason: 'label' });
  for (const [id, n] of state.networks) if (ours(n.labels) && networks.has(n.name)) plan.add({ kind: 'network', name: n.name, id, reason: 'label' });
  for (const [name, v] of state.volumes) if (ours(v.labels) && volumes.has(name)) plan.add({ kind: 'volume', name, reason: 'label' });

  // A service of the lesson that uses a secret or config on the list goes first, or it could not go.
  const goingSwarmObjects = new Set(plan.items.filter((item) => item.kind === 'secret' || item.kind === 'config').map((item) => item.id));
  for (const [id, s] of state.services) {
    if (ours(s.labels) && swarmObjectIds(s.spec).some((used) => goingSwarmObjects.has(used))) plan.add({ kind: 'service', name: s.name, id, reason: 'label' });
  }
  const goingVolumes = new Set(plan.items.filter((item) => item.kind === 'volume').map((item) => item.name));
  const goingNetworks = new Set(plan.items.filter((item) => item.kind === 'network').map((item) => item.name));
  for (const [id, c] of state.containers) {
    const uses = (c.volumes ?? []).some((volume) => goingVolumes.has(volume)) || (c.networks ?? []).some((network) => goingNetworks.has(network));
    if (uses && ours(c.labels)) plan.add({ kind: 'container', name: c.name, id, reason: 'label' });
  }
  return plan.sorted();
}

/** The ids of the secrets and configs a service definition uses. */
function swarmObjectIds(spec: object | undefined): string[] {
  const container = (spec as { TaskTemplate?: { ContainerSpec?: { Secrets?: { SecretID?: string }[]; Configs?: { ConfigID?: string }[] } } } | undefined)
    ?.TaskTemplate?.ContainerSpec;
  return [...(container?.Secrets ?? []).map((s) => s.SecretID), ...(container?.Configs ?? []).map((c) => c.ConfigID)]
    .filter((id): id is string => id !== undefined);
}

/** Remove the planned items in order; what is gone already counts as removed. */
export async function removePlanned(engine: DockerEngine, planned: readonly ResetItem[]): Promise<Pick<ResetResult, 'removed' | 'failed'>> {
  const result: Pick<ResetResult, 'removed' | 'failed'> = { removed: [], failed: [] };
  for (const item of planned) {
    try {
      const done = await removeItem(engine, item);
      if (done) result.removed.push(item);
    } catch (error) {
      if (isEngineError(error) && error.code === 'not-found') {
        result.removed.push(item); // gone already (e.g. an image deleted with its last tag)
      } else {
        result.failed.push({ item, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return result;
}

/** The recorded entries whose object could not be removed (kept, so a later reset tries again). */
export function notRemoved(recorded: readonly CreatedObject[], failed: readonly ResetItem[]): CreatedObject[] {
  const failedKeys = new Set(failed.map((item) => item.id ?? item.name));
  return recorded.filter((o) => failedKeys.has(o.id ?? o.name) || failedKeys.has(normalizeImageRef(o.name)));
}

export async function resetLesson(lesson: Lesson, options: ResetOptions): Promise<ResetResult> {
  const lessonId = lesson.meta.id;
  const recorded = await options.store.load(lessonId);
  const planned = await planReset(lesson, options.engine, recorded, options.workRoot);
  const result: ResetResult = { lessonId, planned, removed: [], failed: [], cancelled: false, dryRun: !!options.dryRun };
  if (options.dryRun || planned.length === 0) {
    if (!options.dryRun) await options.store.save(lessonId, []);
    return result;
  }
  if (options.confirm && !(await options.confirm(planned))) {
    result.cancelled = true;
    return result;
  }
  const { removed, failed } = await removePlanned(options.engine, planned);
  result.removed.push(...removed);
  result.failed.push(...failed);
  // Keep only what could not be removed, so a later reset can try again.
  await options.store.save(lessonId, notRemoved(recorded, failed.map((f) => f.item)));
  return result;
}

/** true when removed; false when deliberately left (an image still tagged by something the lesson did not make). */
async function removeItem(engine: DockerEngine, item: ResetItem): Promise<boolean> {
  switch (item.kind) {
    case 'container':
      try {
        await engine.removeContainer(item.id ?? item.name, { force: true, volumes: true }); // and its anonymous volumes
      } catch (error) {
        // A swarm task container the engine is deleting itself ("removal … is already in progress"): wait for it.
        if (!(isEngineError(error) && error.statusCode === 409 && /already in progress/i.test(error.engineMessage ?? ''))) throw error;
        await waitUntilGone(engine, item.id ?? item.name);
      }
      return true;
    case 'service':
      await engine.removeService(item.id ?? item.name);
      return true;
    case 'secret':
    case 'config':
      await engine.removeSwarmObject(item.kind, item.id ?? item.name);
      return true;
    case 'network':
      try {
        await engine.removeNetwork(item.id ?? item.name);
      } catch (error) {
        // A stack's overlay network goes with the swarm; right after `swarm leave` the engine may still list it but
        // refuses to remove it ("not a swarm manager").
        if (!(isEngineError(error) && error.statusCode === 503 && /swarm/i.test(error.engineMessage ?? ''))) throw error;
      }
      return true;
    case 'volume':
      await engine.removeVolume(item.name);
      return true;
    case 'image-tag':
      // Removing by reference untags only this tag (the image goes only if it was its last name).
      await engine.removeImage(item.name);
      return true;
    case 'image': {
      const info = await engine.inspectImage(item.id!);
      if ((info.RepoTags ?? []).length > 0) return false; // still named by something else: keep it
      await engine.removeImage(item.id!);
      return true;
    }
    case 'swarm':
      await removeTaskContainers(engine);
      await engine.leaveSwarm({ force: true });
      return true;
    case 'files':
      await fs.promises.rm(item.name, { recursive: true, force: true });
      return true;
  }
}

const GWBRIDGE = 'docker_gwbridge';

/**
 * The id of the docker_gwbridge network when the active swarm made it. `swarm init` creates it (newer engines a moment
 * after init returns, so the step's snapshot may miss it) and `swarm leave` keeps it. One that is older than the swarm
 * was there before (an earlier swarm's, reused by init) and is not the lesson's to remove.
 */
async function swarmGatewayBridge(engine: DockerEngine): Promise<string | undefined> {
  try {
    const swarmCreated = Date.parse((await engine.info()).swarmCreatedAt ?? '');
    const network = await engine.inspectNetwork(GWBRIDGE);
    const networkCreated = Date.parse(network.Created ?? '');
    // Both times come from the same daemon; a second of slack for rounding.
    return Number.isFinite(swarmCreated) && Number.isFinite(networkCreated) && networkCreated >= swarmCreated - 1000 ? network.Id : undefined;
  } catch {
    return undefined; // no such network, or the engine cannot say: leave it
  }
}

const SWARM_TASK_LABEL = 'com.docker.swarm.task.id';
const SWARM_SERVICE_LABEL = 'com.docker.swarm.service.id';
const TASK_REMOVAL_WAIT_MS = 20_000;

/**
 * `swarm leave --force` deletes the node's task containers but not their anonymous volumes (a redis task's VOLUME /data
 * would stay behind under a random name), and a removed service's containers linger for seconds. The swarm is the
 * lesson's own, so are the containers of its removed services: remove them with their volumes before leaving. Tasks of
 * services that still exist are left to the leave (removing them would only make the swarm start new ones).
 */
async function removeTaskContainers(engine: DockerEngine): Promise<void> {
  const deadline = Date.now() + TASK_REMOVAL_WAIT_MS;
  for (;;) {
    const services = new Set((await engine.listServices()).map((service) => service.ID));
    const orphans = (await engine.listContainers())
      .filter((c) => c.labels[SWARM_TASK_LABEL] !== undefined && !services.has(c.labels[SWARM_SERVICE_LABEL] ?? ''));
    if (orphans.length === 0 || Date.now() > deadline) return;
    for (const container of orphans) {
      // The swarm agent may be removing it at the same moment ("removal already in progress", gone): fine either way.
      await engine.removeContainer(container.id, { force: true, volumes: true }).catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function waitUntilGone(engine: DockerEngine, container: string): Promise<void> {
  const deadline = Date.now() + TASK_REMOVAL_WAIT_MS;
  while (Date.now() < deadline) {
    try {
      await engine.inspectContainer(container);
    } catch (error) {
      if (isEngineError(error) && error.code === 'not-found') return;
      throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function describeResetItem(item: ResetItem): string {
  switch (item.kind) {
    case 'container': return t('container {0}', item.name);
    case 'service': return t('service {0}', item.name);
    case 'secret': return t('secret {0}', item.name);
    case 'config': return t('config {0}', item.name);
    case 'network': return t('network {0}', item.name);
    case 'volume': return t('volume {0}', item.name);
    case 'image-tag': return t('image tag {0}', item.name);
    case 'image': return t('image {0}', item.id?.replace(/^sha256:/, '').slice(0, 12) ?? item.name);
    case 'swarm': return t('swarm mode (docker swarm leave --force)');
    case 'files': return t('working folder {0}', item.name);
  }
}
