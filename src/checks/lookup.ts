// Engine reads for one round of check evaluation, memoized: a step's checks usually look at the same container or
// image several times, and one inspect per object keeps a typical step well under 30 ms. "Not found" becomes
// undefined; every other failure propagates (evaluate.ts turns it into a failed result).
import type { DockerEngine } from '../engine/api';
import { isEngineError } from '../engine/errors';
import type {
  ContainerDetails, EngineInfo, ImageDetails, ImageHistoryRow, NetworkDetails, ServiceDetails, TaskDetails, VolumeDetails,
} from '../engine/types';

/** 404 from the Engine (the client classifies every failure as an EngineError). */
export function isNotFound(error: unknown): boolean {
  return isEngineError(error) && error.code === 'not-found';
}

/** The message of an unexpected failure: the classified EngineError's own. */
export function errorText(error: unknown): string {
  if (isEngineError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}

export class Lookup {
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(readonly engine: DockerEngine) {}

  /** Not found → undefined; other failures propagate. */
  private async orUndefined<T>(load: () => Promise<T>): Promise<T | undefined> {
    try {
      return await load();
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
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

  container(name: string): Promise<ContainerDetails | undefined> {
    return this.once(`container:${name}`, () => this.orUndefined(() => this.engine.inspectContainer(name)));
  }

  image(ref: string): Promise<ImageDetails | undefined> {
    return this.once(`image:${ref}`, () => this.orUndefined(() => this.engine.inspectImage(ref)));
  }

  imageHistory(ref: string): Promise<ImageHistoryRow[] | undefined> {
    return this.once(`history:${ref}`, () => this.orUndefined(() => this.engine.imageHistory(ref)));
  }

  volume(name: string): Promise<VolumeDetails | undefined> {
    return this.once(`volume:${name}`, () => this.orUndefined(() => this.engine.inspectVolume(name)));
  }

  network(name: string): Promise<NetworkDetails | undefined> {
    return this.once(`network:${name}`, () => this.orUndefined(() => this.engine.inspectNetwork(name)));
  }

  info(): Promise<EngineInfo> {
    return this.once('info', () => this.engine.info());
  }

  service(name: string): Promise<ServiceDetails | undefined> {
    return this.once(`service:${name}`, () => this.orUndefined(() => this.engine.inspectService(name)));
  }

  serviceTasks(service: string): Promise<TaskDetails[]> {
    return this.once(`tasks:${service}`, () => this.engine.listServiceTasks(service));
  }
}
