// Typed, UI-free view of a Docker engine. Everything above src/engine talks to these types, never to dockerode's.

/** Where the engine lives, resolved the way the docker CLI resolves it. */
export interface Endpoint {
  /** unix socket, Windows named pipe, plain/TLS TCP, or ssh. */
  kind: 'unix' | 'npipe' | 'tcp' | 'ssh';
  /** For unix/npipe: the socket or pipe path. */
  socketPath?: string;
  /** For tcp/ssh: host name or address. */
  host?: string;
  port?: number;
  /** For ssh: user name. */
  username?: string;
  /** TLS material for tcp when DOCKER_TLS_VERIFY / a context asks for it (file paths). */
  tls?: { caPath?: string; certPath?: string; keyPath?: string; verify: boolean };
  /** The DOCKER_HOST-style URL, so the docker CLI run by lessons talks to the same engine. */
  url: string;
  /** How it was chosen, for messages: "setting", "DOCKER_HOST", "context:<name>", "default-socket". */
  source: string;
}

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export interface PortBinding {
  privatePort: number;
  publicPort?: number;
  /** Host address of the binding, e.g. "0.0.0.0" or "::". */
  ip?: string;
  type: 'tcp' | 'udp' | 'sctp';
}

export interface ContainerSummary {
  id: string;
  /** Name without the leading slash. */
  name: string;
  image: string;
  imageId: string;
  command: string;
  state: ContainerState;
  /** Docker's human status line, e.g. "Up 3 minutes". */
  status: string;
  created: number; // unix seconds
  ports: PortBinding[];
  labels: Record<string, string>;
  networks: string[];
  mounts: { type: string; name?: string; source: string; destination: string; readOnly: boolean }[];
}

export interface ImageSummary {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  created: number; // unix seconds
  size: number; // bytes
  labels: Record<string, string>;
  /** Containers using it, when the engine reports it (-1 unknown). */
  containers: number;
}

export interface VolumeSummary {
  name: string;
  driver: string;
  mountpoint: string;
  created?: string;
  labels: Record<string, string>;
  scope: string;
}

export interface NetworkSummary {
  id: string;
  name: string;
  driver: string;
  scope: string;
  internal: boolean;
  created?: string;
  labels: Record<string, string>;
  subnets: string[];
  /** Names of attached containers, when listed with details. */
  containers: string[];
}

export interface EngineSnapshot {
  containers: ContainerSummary[];
  images: ImageSummary[];
  volumes: VolumeSummary[];
  networks: NetworkSummary[];
  /** When it was taken (ms since epoch). */
  takenAt: number;
}

export type ResourceKind = 'container' | 'image' | 'volume' | 'network';

/** One engine event, reduced to what consumers need. */
export interface EngineEvent {
  kind: ResourceKind | 'other';
  action: string;
  id: string;
  /** Name of the container/volume/network, or image reference, when the event carries one. */
  name?: string;
  time: number; // ms since epoch
  attributes: Record<string, string>;
}

/** A batch of events coalesced over a short window: which kinds changed. */
export interface EngineChange {
  kinds: Set<ResourceKind>;
  events: EngineEvent[];
}

export type ConnectionState =
  | { status: 'unknown' }
  | { status: 'connected'; version: string; apiVersion: string; endpoint: Endpoint }
  | { status: 'disconnected'; error: import('./errors').EngineError; endpoint?: Endpoint };

/** Label put on every object a lesson creates, so reset removes exactly those. */
export const LESSON_LABEL = 'docker-lessons.lesson';
/** Label that marks a locally built stand-in practice image. */
export const STANDIN_LABEL = 'docker-lessons.standin';
/** On a stand-in: the repository it stands in for ("nginx", "training/webapp"). */
export const STANDIN_OF_LABEL = 'docker-lessons.standin.of';

const repositoryOf = (tag: string): string => tag.replace(/:[^:/]+$/, '');

/**
 * Whether an image is one of the practice stand-ins. Images built FROM a stand-in inherit its labels, so the label
 * alone is not enough: a real stand-in is tagged in the repository it stands in for and was not built by a lesson.
 */
export function isStandInImage(image: { labels: Record<string, string>; repoTags: string[] }): boolean {
  if (image.labels[STANDIN_LABEL] !== 'true' || image.labels[LESSON_LABEL] !== undefined) return false;
  const of = image.labels[STANDIN_OF_LABEL];
  return of === undefined || image.repoTags.some((tag) => repositoryOf(tag) === of);
}

/** A stand-in's own tags (those in the repository it stands in for); other tags on it were added by someone. */
export function isStandInOwnTag(image: { labels: Record<string, string>; repoTags: string[] }, tag: string): boolean {
  return isStandInImage(image) && repositoryOf(tag) === (image.labels[STANDIN_OF_LABEL] ?? repositoryOf(tag));
}

/** What `GET /info` says about how the engine stores images. */
export interface EngineInfo {
  serverVersion: string;
  /** Storage driver as reported: overlay2 (graph driver) or overlayfs (containerd snapshotter) … */
  driver: string;
  /** The containerd image store is on (`"containerd-snapshotter": true`, default on new Docker Desktop installs). */
  imageStore: 'containerd' | 'graphdriver';
  swarm: 'active' | 'inactive' | 'pending' | 'error' | 'locked' | '';
  /** When the swarm this node is in was created (ISO time), if it is a manager of one. */
  swarmCreatedAt?: string;
  /** What the daemon itself uses, for the doctor (absent when the engine did not say). */
  daemon?: EngineDaemonInfo;
}

/** GET /info fields about the daemon's own setup: data root, registry mirrors, proxies, where it runs. */
export interface EngineDaemonInfo {
  /** DockerRootDir, e.g. /var/lib/docker. */
  rootDir: string;
  /** RegistryConfig.Mirrors as the daemon uses them (normalized, with a trailing slash). */
  mirrors: string[];
  /** IndexServerAddress, normally https://index.docker.io/v1/. */
  indexServer: string;
  /** HTTPProxy / HTTPSProxy / NoProxy the daemon uses (credentials already masked by the engine). */
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
  /** OperatingSystem, e.g. "Debian GNU/Linux 12 (bookworm)" or "Docker Desktop". */
  operatingSystem: string;
  /** SecurityOptions has name=rootless. */
  rootless: boolean;
}

// ---- Inspect documents ----
// The answers of the inspect endpoints (GET /containers/{id}/json, /images/{name}/json …) are passed on as the engine
// sent them: the explorer's Inspect shows the whole document. These types name the fields the checks, the runner and
// the scripts read, spelled as in the Engine API (and so as in `docker inspect`, which lessons quote: Config.Image,
// State.Status). They are our own: nothing above src/engine sees dockerode's types.

/** One host binding of a container port ("0.0.0.0", "8080"); HostPort "" or absent = a random port on start. */
export interface HostPortBinding {
  HostIp?: string;
  HostPort?: string;
}

/** Bindings by container port ("80/tcp"); null = exposed but not published. */
export type PortMap = Record<string, HostPortBinding[] | null>;

/** A container's endpoint on one network (NetworkSettings.Networks[<network>]). */
export interface NetworkEndpoint {
  NetworkID?: string;
  Aliases?: string[] | null;
  IPAddress?: string;
  /** The fixed address asked for with `--ip`. */
  IPAMConfig?: { IPv4Address?: string } | null;
}

/** One entry of a container's Mounts (volumes and binds; `--tmpfs` mounts are in HostConfig.Tmpfs). */
export interface MountPoint {
  Type: string;
  /** The volume's name (volumes only). */
  Name?: string;
  /** Host path (binds) or the volume's mountpoint. */
  Source: string;
  Destination: string;
  RW: boolean;
}

/** GET /containers/{id}/json. */
export interface ContainerDetails {
  Id: string;
  /** With docker's leading slash: "/web". */
  Name: string;
  RestartCount?: number;
  State: {
    /** created, running, paused, restarting, removing, exited or dead. */
    Status: string;
    Running: boolean;
    Paused: boolean;
    ExitCode: number;
    /** RFC 3339 time of the last start ("0001-01-01T00:00:00Z" when never started). */
    StartedAt: string;
    /** Only for containers with a health check. */
    Health?: { Status: string };
  };
  Config: {
    /** The image as the user named it. */
    Image: string;
    Hostname: string;
    Env?: string[] | null;
    Cmd?: string[] | null;
    Labels?: Record<string, string> | null;
    ExposedPorts?: Record<string, unknown> | null;
    Tty: boolean;
    OpenStdin: boolean;
  };
  HostConfig: {
    /** "default" is the bridge network. */
    NetworkMode?: string;
    PortBindings?: PortMap | null;
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number };
    /** Bytes; 0 = no limit. */
    Memory?: number;
    NanoCpus?: number;
    CpuShares?: number;
    ReadonlyRootfs?: boolean;
    /** `--tmpfs` mounts: destination → options ("rw,size=1m"). */
    Tmpfs?: Record<string, string> | null;
  };
  NetworkSettings: {
    /** The live bindings of a running container. */
    Ports?: PortMap | null;
    Networks?: Record<string, NetworkEndpoint> | null;
  };
  Mounts?: MountPoint[] | null;
}

/** An image's HEALTHCHECK (durations in nanoseconds). */
export interface HealthcheckConfig {
  Test?: string[];
  Interval?: number;
  Retries?: number;
}

/** GET /images/{name}/json. */
export interface ImageDetails {
  Id: string;
  RepoTags?: string[] | null;
  Author?: string;
  Comment?: string;
  /** Bytes. */
  Size: number;
  Config: {
    /** A plain string in some old images. */
    Cmd?: string[] | string | null;
    Entrypoint?: string[] | string | null;
    Env?: string[] | null;
    ExposedPorts?: Record<string, unknown> | null;
    WorkingDir?: string;
    User?: string;
    Labels?: Record<string, string> | null;
    Volumes?: Record<string, unknown> | null;
    Healthcheck?: HealthcheckConfig | null;
    StopSignal?: string;
    OnBuild?: string[] | null;
  };
  RootFS: { Layers?: string[] };
}

/** One row of GET /images/{name}/history, newest first (`docker history`). */
export interface ImageHistoryRow {
  /** The layer's image id, or "<missing>". */
  Id: string;
  /** Unix seconds. */
  Created: number;
  /** The instruction that made the row ("/bin/sh -c #(nop)  CMD …", "RUN …"). */
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

/** GET /volumes/{name}. */
export interface VolumeDetails {
  Name: string;
  Driver: string;
  Mountpoint: string;
  Labels?: Record<string, string> | null;
  Scope?: string;
  CreatedAt?: string;
}

/** GET /networks/{id}. */
export interface NetworkDetails {
  Id: string;
  Name: string;
  /** ISO time. */
  Created?: string;
  Driver: string;
  Scope?: string;
  Internal?: boolean;
  IPAM?: { Config?: { Subnet?: string; Gateway?: string }[] | null } | null;
  /** Attached (running) containers by id. */
  Containers?: Record<string, { Name: string }> | null;
  Labels?: Record<string, string> | null;
}

/** A published port of a swarm service. */
export interface ServicePort {
  TargetPort?: number;
  PublishedPort?: number;
  Protocol?: string;
}

/** GET /services/{id} (and each entry of GET /services). */
export interface ServiceDetails {
  ID: string;
  /** Bumped by every change of the definition; an update names the version it replaces. */
  Version?: { Index?: number };
  Spec?: {
    Name?: string;
    Labels?: Record<string, string>;
    Mode?: { Replicated?: { Replicas?: number }; Global?: object };
    /** The image is pinned by digest: "nginx:latest@sha256:…". */
    TaskTemplate?: { ContainerSpec?: { Image?: string } };
    EndpointSpec?: { Ports?: ServicePort[] };
  };
  /** The ports as the swarm actually published them. */
  Endpoint?: { Ports?: ServicePort[] };
}

export type SwarmObjectKind = 'secret' | 'config';

/** A swarm secret or config, reduced to what the runner records. */
export interface SwarmObject {
  id: string;
  name: string;
  labels: Record<string, string>;
}

/** One entry of GET /tasks. */
export interface TaskDetails {
  ID: string;
  ServiceID?: string;
  DesiredState?: string;
  Status?: { State?: string; Err?: string };
}
