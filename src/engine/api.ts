// The contract of the engine layer. `src/engine/client.ts` implements it over dockerode; views, checks and the runner
// depend on this interface only (tests may pass the real client; never a mock Engine API in integration tests).
import type Dockerode from 'dockerode';
import type {
  ContainerSummary, EngineChange, EngineInfo, EngineEvent, EngineSnapshot, Endpoint, ImageSummary, NetworkSummary, VolumeSummary,
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
  /** The underlying dockerode client, for checks that need the full inspect JSON. */
  readonly api: Dockerode;

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

  /** Full inspect JSON (throws EngineError 'not-found' when absent). */
  inspectContainer(idOrName: string): Promise<Dockerode.ContainerInspectInfo>;
  inspectImage(ref: string): Promise<Dockerode.ImageInspectInfo>;
  inspectVolume(name: string): Promise<Dockerode.VolumeInspectInfo>;
  inspectNetwork(idOrName: string): Promise<Dockerode.NetworkInspectInfo>;

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
