// What a lesson made, for reset and for running a step again. Around each step: snapshot the engine, snapshot again
// after it, and keep every NEW object that carries the lesson label or whose name the lesson declares in `creates`.
// Objects that existed before the step (a learner's own `webserver`) are never recorded, so reset can never remove them.
import * as fs from 'fs';
import * as path from 'path';
import type { DockerEngine } from '../engine/api';
import { LESSON_LABEL, type SwarmObjectKind } from '../engine/types';
import type { Lesson } from '../lessons/schema';
import type { CreatedObject, CreatedObjectStore } from './types';

interface Named { name: string; labels: Record<string, string> }

/** A container, with the volumes (by name) and networks it uses: what goes with them when they go. */
interface ContainerEntry extends Named { volumes?: string[]; networks?: string[] }

export interface EngineState {
  containers: Map<string, ContainerEntry>; // by id
  images: Map<string, { tags: string[]; labels: Record<string, string> }>; // by id
  volumes: Map<string, Named>; // by name
  networks: Map<string, Named>; // by id
  swarm: 'active' | 'inactive' | 'unknown';
  services: Map<string, ServiceEntry>; // by id
  /** Swarm secrets and configs, by id. */
  swarmObjects: Map<string, Named & { kind: SwarmObjectKind }>;
}

/** A service with its definition and the version of it (what a step's `docker service update` changes). */
interface ServiceEntry extends Named { version?: number; spec?: object }

/** Names a lesson declares it creates (variables already substituted), normalized for comparison. */
export interface DeclaredNames {
  containers: Set<string>;
  images: Set<string>;
  volumes: Set<string>;
  networks: Set<string>;
  services: Set<string>;
  swarm: boolean;
}

/** `nginx` → `nginx:latest`; `docker.io/library/nginx:1` → `nginx:1` — the form `docker images` lists. */
export function normalizeImageRef(ref: string): string {
  let name = ref.replace(/^docker\.io\/(library\/)?/, '');
  if (name.includes('@')) return name;
  const lastSlash = name.lastIndexOf('/');
  if (!name.slice(lastSlash + 1).includes(':')) name += ':latest';
  return name;
}

export function declaredNames(lesson: Lesson, substitute: (text: string) => string = (text) => text): DeclaredNames {
  const creates = lesson.meta.creates;
  const set = (names: string[], normalize: (n: string) => string = (n) => n) => new Set(names.map((n) => normalize(substitute(n))));
  return {
    containers: set(creates.containers),
    images: set(creates.images, normalizeImageRef),
    volumes: set(creates.volumes),
    networks: set(creates.networks),
    services: set(creates.services),
    swarm: creates.swarm,
  };
}

export async function takeSnapshot(engine: DockerEngine): Promise<EngineState> {
  const snapshot = await engine.snapshot();
  const state: EngineState = {
    containers: new Map(snapshot.containers.map((c) => [c.id, {
      name: c.name, labels: c.labels ?? {}, networks: c.networks ?? [],
      volumes: (c.mounts ?? []).filter((m) => m.type === 'volume' && m.name).map((m) => m.name!),
    }])),
    images: new Map(snapshot.images.map((i) => [i.id, {
      tags: i.repoTags.filter((tag) => tag !== '<none>:<none>'), labels: i.labels ?? {},
    }])),
    volumes: new Map(snapshot.volumes.map((v) => [v.name, { name: v.name, labels: v.labels ?? {} }])),
    networks: new Map(snapshot.networks.map((n) => [n.id, { name: n.name, labels: n.labels ?? {} }])),
    swarm: 'unknown',
    services: new Map(),
    swarmObjects: new Map(),
  };
  try {
    state.swarm = (await engine.info()).swarm === 'active' ? 'active' : 'inactive';
    if (state.swarm === 'active') {
      for (const service of await engine.listServices()) {
        state.services.set(service.ID, {
          name: service.Spec?.Name ?? service.ID, labels: service.Spec?.Labels ?? {}, version: service.Version?.Index, spec: service.Spec,
        });
      }
      for (const kind of ['secret', 'config'] as const) {
        for (const object of await engine.listSwarmObjects(kind)) state.swarmObjects.set(object.id, { kind, name: object.name, labels: object.labels });
      }
    }
  } catch {
    // swarm state is a bonus; leave it unknown
  }
  return state;
}

/** Objects present after but not before, that belong to the lesson (label or declared name). */
export function diffCreated(
  before: EngineState, after: EngineState, lessonId: string, names: DeclaredNames, stepId: string,
): CreatedObject[] {
  const ours = (labels: Record<string, string>) => labels[LESSON_LABEL] === lessonId;
  const created: CreatedObject[] = [];
  for (const [id, c] of after.containers) {
    if (!before.containers.has(id) && (ours(c.labels) || names.containers.has(c.name))) created.push({ kind: 'container', id, name: c.name, stepId });
  }
  const tagsBefore = new Set([...before.images.values()].flatMap((image) => image.tags));
  for (const [id, image] of after.images) {
    const newImage = !before.images.has(id);
    const newTags = image.tags.filter((tag) => !tagsBefore.has(tag));
    const labelled = ours(image.labels);
    // A new tag is ours when the image is the lesson's build or the tag is declared (`docker tag nginx my-nginx`).
    const ourTags = newTags.filter((tag) => labelled || names.images.has(normalizeImageRef(tag)));
    for (const tag of ourTags) created.push({ kind: 'image', name: tag, stepId });
    // The image itself (by id) only when this step made it. A new image with no tag at all is a build's leftover
    // (a multi-stage builder stage, a failed build's last layer): also the step's doing, as no one could have named it.
    if (newImage && (labelled || ourTags.length > 0 || image.tags.length === 0)) created.push({ kind: 'image', id, name: ourTags[0] ?? id, stepId });
  }
  for (const [name, v] of after.volumes) {
    if (!before.volumes.has(name) && (ours(v.labels) || names.volumes.has(name))) created.push({ kind: 'volume', id: name, name, stepId });
  }
  for (const [id, n] of after.networks) {
    if (!before.networks.has(id) && (ours(n.labels) || names.networks.has(n.name))) created.push({ kind: 'network', id, name: n.name, stepId });
  }
  for (const [id, s] of after.services) {
    if (!(ours(s.labels) || names.services.has(s.name))) continue;
    const earlier = before.services.get(id);
    if (!earlier) created.push({ kind: 'service', id, name: s.name, stepId });
    // Changed by the step (not only its update status): its definition before, to start from when the step runs again.
    else if (earlier.spec && earlier.version !== s.version && JSON.stringify(earlier.spec) !== JSON.stringify(s.spec)) created.push({ kind: 'service-spec', id, name: s.name, stepId, spec: earlier.spec });
  }
  for (const [id, o] of after.swarmObjects) {
    if (!before.swarmObjects.has(id) && ours(o.labels)) created.push({ kind: o.kind, id, name: o.name, stepId });
  }
  // Leaving a swarm is only ever done when this lesson turned it on (and declared that it does).
  if (before.swarm === 'inactive' && after.swarm === 'active' && names.swarm) created.push({ kind: 'swarm', name: 'swarm', stepId });
  return created;
}

/**
 * Merge newly created objects into the lesson's record; a re-created name replaces the stale entry. A working-folder
 * file is kept per step that changed it (a step run again puts back only what it and later steps changed), and so is a
 * service's definition before a step changed it.
 */
export function mergeRecords(existing: CreatedObject[], added: CreatedObject[]): CreatedObject[] {
  const name = (o: CreatedObject) => o.kind === 'image' ? (o.id ? `id:${o.id}` : `tag:${o.name}`)
    : o.kind === 'file' || o.kind === 'service-spec' ? `${o.name}\u0000${o.stepId}` : o.name;
  const key = (o: CreatedObject) => `${o.kind}\u0000${name(o)}`;
  const merged = new Map(existing.map((o) => [key(o), o]));
  for (const o of added) merged.set(key(o), o);
  return [...merged.values()];
}

export interface StepRecording {
  created: CreatedObject[];
}

/**
 * A snapshot before the step and one after. What outlives the step is all reset and a re-run need: an object made and
 * removed within the step (a `--rm` container) leaves nothing to take back.
 */
export class StepRecorder {
  private constructor(
    private readonly engine: DockerEngine,
    private readonly before: EngineState,
    private readonly lessonId: string,
    private readonly names: DeclaredNames,
    private readonly stepId: string,
  ) {}

  /** `before`: the engine as it is now, when the caller has just looked (no second snapshot). */
  static async start(engine: DockerEngine, lessonId: string, names: DeclaredNames, stepId: string, before?: EngineState): Promise<StepRecorder> {
    return new StepRecorder(engine, before ?? await takeSnapshot(engine), lessonId, names, stepId);
  }

  async finish(): Promise<StepRecording> {
    const after = await takeSnapshot(this.engine);
    return { created: diffCreated(this.before, after, this.lessonId, this.names, this.stepId) };
  }
}

/** The CLI's store: one JSON file per lesson under `<stateDir>/created/`. */
export class JsonFileStore implements CreatedObjectStore {
  constructor(private readonly dir: string) {}

  private file(lessonId: string): string {
    return path.join(this.dir, 'created', `${lessonId}.json`);
  }

  async load(lessonId: string): Promise<CreatedObject[]> {
    try {
      const parsed = JSON.parse(await fs.promises.readFile(this.file(lessonId), 'utf8')) as unknown;
      return Array.isArray(parsed) ? parsed.filter(isCreatedObject) : [];
    } catch {
      return []; // absent or unreadable: nothing recorded
    }
  }

  async save(lessonId: string, objects: CreatedObject[]): Promise<void> {
    const file = this.file(lessonId);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    if (objects.length === 0) {
      await fs.promises.rm(file, { force: true });
      return;
    }
    // Write then rename, so an interrupted run never leaves half a file.
    const temp = `${file}.${process.pid}.tmp`;
    await fs.promises.writeFile(temp, JSON.stringify(objects, null, 2) + '\n');
    await fs.promises.rename(temp, file);
  }
}

function isCreatedObject(value: unknown): value is CreatedObject {
  const o = value as CreatedObject;
  return !!o && typeof o === 'object' && typeof o.kind === 'string' && typeof o.name === 'string' && typeof o.stepId === 'string';
}
