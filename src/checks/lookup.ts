// Engine reads for one round of check evaluation, memoized: a step's checks usually look at the same container or
// image several times, and one inspect per object keeps a typical step well under 30 ms. "Not found" becomes
// undefined; every other failure propagates (evaluate.ts turns it into a failed result).
import type Dockerode from 'dockerode';
import type { DockerEngine } from '../engine/api';
import { classifyError } from '../engine/classify';
import { isEngineError } from '../engine/errors';

/** 404 from the Engine (classified by the client) or from a raw dockerode call. */
export function isNotFound(error: unknown): boolean {
  if (isEngineError(error)) return error.code === 'not-found';
  return (error as { statusCode?: number } | null)?.statusCode === 404;
}

/** The message of an unexpected failure: the classified EngineError's own (Lookup classifies raw dockerode errors). */
export function errorText(error: unknown): string {
  if (isEngineError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** One docker history row (GET /images/{name}/history). */
export interface HistoryRow {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

export class Lookup {
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(readonly engine: DockerEngine) {}

  /** Not found → undefined; raw dockerode errors (engine.api calls) → classified EngineError. */
  private async orUndefined<T>(load: () => Promise<T>): Promise<T | undefined> {
    try {
      return await load();
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw classifyError(error, this.engine.endpoint);
    }
  }

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let pending = this.memo.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = load();
      // A rejected entry is still awaited by its caller; keep the shared promise from being reported as unhandled.
      pending.catch(() => undefined);
      this.memo.set(key, pending);
    }
    return pending;
  }

  container(name: string): Promise<Dockerode.ContainerInspectInfo | undefined> {
    return this.once(`container:${name}`, () => this.orUndefined(() => this.engine.inspectContainer(name)));
  }

  image(ref: string): Promise<Dockerode.ImageInspectInfo | undefined> {
    return this.once(`image:${ref}`, () => this.orUndefined(() => this.engine.inspectImage(ref)));
  }

  imageHistory(ref: string): Promise<HistoryRow[] | undefined> {
    return this.once(`history:${ref}`, () => this.orUndefined(() => this.engine.api.getImage(ref).history() as Promise<HistoryRow[]>));
  }

  volume(name: string): Promise<Dockerode.VolumeInspectInfo | undefined> {
    return this.once(`volume:${name}`, () => this.orUndefined(() => this.engine.inspectVolume(name)));
  }

  network(name: string): Promise<Dockerode.NetworkInspectInfo | undefined> {
    return this.once(`network:${name}`, () => this.orUndefined(() => this.engine.inspectNetwork(name)));
  }

  info(): Promise<{ Swarm?: { LocalNodeState?: string; Error?: string } }> {
    return this.once('info', () => this.engine.api.info().catch((error: unknown) => {
      throw classifyError(error, this.engine.endpoint);
    }));
  }

  service(name: string): Promise<ServiceInfo | undefined> {
    return this.once(`service:${name}`, () => this.orUndefined(() => this.engine.api.getService(name).inspect() as Promise<ServiceInfo>));
  }

  serviceTasks(name: string): Promise<TaskInfo[]> {
    return this.once(`tasks:${name}`, () => (this.engine.api.listTasks({ filters: { service: [name] } }) as Promise<TaskInfo[]>)
      .catch((error: unknown) => {
        throw classifyError(error, this.engine.endpoint);
      }));
  }
}

/** The parts of GET /services/{id} the checks read. */
export interface ServiceInfo {
  ID: string;
  Spec?: {
    Name?: string;
    Mode?: { Replicated?: { Replicas?: number }; Global?: object };
    TaskTemplate?: { ContainerSpec?: { Image?: string } };
    EndpointSpec?: { Ports?: { TargetPort?: number; PublishedPort?: number; Protocol?: string }[] };
  };
  Endpoint?: { Ports?: { TargetPort?: number; PublishedPort?: number; Protocol?: string }[] };
}

/** The parts of GET /tasks the checks read. */
export interface TaskInfo {
  ID: string;
  DesiredState?: string;
  Status?: { State?: string; Err?: string };
}
