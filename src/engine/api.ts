// The contract of the engine layer. `src/engine/client.ts` implements it over dockerode; views, checks and the runner
// depend on this interface only (tests may pass the real client; never a mock Engine API in integration tests). It
// speaks in our own types (./types): no dockerode type or object crosses it.
import type {
  ContainerDetails, ContainerSummary, EngineChange, EngineInfo, EngineEvent, EngineSnapshot, Endpoint, ImageDetails,
  ImageHistoryRow, ImageSummary, NetworkDetails, NetworkSummary, ServiceDetails, SwarmObject, SwarmObjectKind, TaskDetails, VolumeDetails, VolumeSummary,
} from './types';

export interface Disposable { dispose(): void }

export interface EventStreamOptions {
  /** Window over which bursts are coalesced into one EngineChange (default 50 ms). */
  coalesceMs?: number;
  /** First reconnect delay; doubles up to maxBackoffMs (defaults 250 ms / 2000 ms so reconnection is within 2 s). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface EngineEventStream extends Disposable {
  /** Coalesced batches of changes. */
  onChange(listener: (change: EngineChange) => void): Disposable;
  /** Every raw event, in order (used by the runner to see what a step created). */
  onEvent(listener: (event: EngineEvent) => void): Disposable;
  /** Connection to the events endpoint came up (true) or went down (false, with the classified error). */
  onConnection(listener: (connected: boolean, error?: import('./errors').EngineError) => void): Disposable;
  readonly connected: boolean;
}

export interface BuildImageOptions {
  /** Tags for the result (each `name:tag`). */
  tags: readonly string[];
  labels?: Record<string, string>;
  buildArgs?: Record<string, string>;
  /** Each line the builder prints (`Step 2/5 : COPY rootfs/ /`, RUN output …), as it arrives. */
  onOutput?: (line: string) => void;
  /** Stops the build (the engine cancels it when the request goes away). */
  signal?: AbortSignal;
  /** Default 10 minutes. */
  timeoutMs?: number;
}

export interface DockerEngine {
  readonly endpoint: Endpoint;

  /** GET /_ping; throws EngineError. */
  ping(): Promise<void>;
  version(): Promise<{ version: string; apiVersion: string; os: string; arch: string }>;
  /** GET /info, reduced to what lessons branch on (storage driver, image store, swarm). */
  info(): Promise<EngineInfo>;

  listContainers(): Promise<ContainerSummary[]>;
  listImages(): Promise<ImageSummary[]>;
  listVolumes(): Promise<VolumeSummary[]>;
  listNetworks(): Promise<NetworkSummary[]>;
  /** All four lists, fetched concurrently. */
  snapshot(): Promise<EngineSnapshot>;
  /**
   * One object as its list shows it, for updating a list after an event names it (one cheap call instead of a list);
   * undefined when it is gone. A container comes from the container list filtered by its id; an image, a volume and a
   * network from their inspect documents (a network without the containers attached to it: the container list says).
   */
  containerSummary(id: string): Promise<ContainerSummary | undefined>;
  imageSummary(idOrRef: string): Promise<ImageSummary | undefined>;
  volumeSummary(name: string): Promise<VolumeSummary | undefined>;
  networkSummary(idOrName: string): Promise<NetworkSummary | undefined>;

  /** The whole inspect document as the engine sent it (throws EngineError 'not-found' when absent). */
  inspectContainer(idOrName: string): Promise<ContainerDetails>;
  inspectImage(ref: string): Promise<ImageDetails>;
  inspectVolume(name: string): Promise<VolumeDetails>;
  inspectNetwork(idOrName: string): Promise<NetworkDetails>;
  /** `docker history`: the image's rows, newest first (throws EngineError 'not-found' when absent). */
  imageHistory(ref: string): Promise<ImageHistoryRow[]>;

  /** Swarm services (the engine answers 503, an EngineError, when swarm mode is off). */
  listServices(): Promise<ServiceDetails[]>;
  inspectService(idOrName: string): Promise<ServiceDetails>;
  /** Swarm secrets or configs (`docker secret ls` / `docker config ls`): id, name, labels. 503 outside swarm mode. */
  listSwarmObjects(kind: SwarmObjectKind): Promise<SwarmObject[]>;
  /** The tasks of one service (id or name). */
  listServiceTasks(service: string): Promise<TaskDetails[]>;

  startContainer(id: string): Promise<void>;
  stopContainer(id: string): Promise<void>;
  restartContainer(id: string): Promise<void>;
  pauseContainer(id: string): Promise<void>;
  unpauseContainer(id: string): Promise<void>;
  removeContainer(id: string, opts?: { force?: boolean; volumes?: boolean }): Promise<void>;
  removeImage(ref: string, opts?: { force?: boolean }): Promise<void>;
  tagImage(ref: string, repo: string, tag: string): Promise<void>;
  removeVolume(name: string): Promise<void>;
  removeNetwork(idOrName: string): Promise<void>;
  removeService(idOrName: string): Promise<void>;
  /**
   * Replace a service's definition with `spec` (as `GET /services` gave it) at the service's `version` (its
   * `Version.Index`): the swarm rolls the tasks over to it and keeps the definition it had as the one a rollback returns to.
   */
  updateService(id: string, version: number, spec: object): Promise<void>;
  removeSwarmObject(kind: SwarmObjectKind, id: string): Promise<void>;
  /** `docker swarm leave` (force: also as the last manager). */
  leaveSwarm(opts?: { force?: boolean }): Promise<void>;

  /** What a prune would remove, without removing (for the confirmation list). */
  previewPrune(kind: 'containers' | 'images' | 'volumes' | 'networks'): Promise<{ id: string; label: string }[]>;
  prune(kind: 'containers' | 'images' | 'volumes' | 'networks'): Promise<{ removed: string[]; spaceReclaimed: number }>;

  /** Run a command in a running container and collect its output (no TTY). */
  exec(container: string, cmd: string[], opts?: { timeoutMs?: number; user?: string; workingDir?: string }):
    Promise<{ exitCode: number; stdout: string; stderr: string }>;
  /** Container logs (stdout+stderr demultiplexed), optionally only the tail. */
  logs(container: string, opts?: { tail?: number }): Promise<string>;
  /** Read one file from a container's filesystem (GET /containers/{id}/archive); undefined when absent. */
  readFile(container: string, path: string): Promise<string | undefined>;
  /**
   * POST /build of a tar build context with the classic builder: it builds FROM local images without asking a registry
   * and needs no BuildKit session, on every engine (graph drivers and the containerd image store). Resolves with the new
   * image's ID when the engine says it; throws EngineError ('api', the builder's own message in engineMessage).
   */
  buildImage(context: Buffer, options: BuildImageOptions): Promise<{ id?: string }>;

  /** One shared engine events stream with reconnect + backoff; started lazily, stopped on dispose. */
  events(options?: EventStreamOptions): EngineEventStream;

  dispose(): void;
}
