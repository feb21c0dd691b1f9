// The DockerEngine implementation over dockerode: typed summaries, per-call timeouts, classified errors.
import type Dockerode from 'dockerode';

// dockerode (with ssh2, grpc and protobuf behind it) is loaded on first use, not when the extension loads.
let dockerodeModule: typeof Dockerode | undefined;
function loadDockerode(): typeof Dockerode {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (dockerodeModule ??= require('dockerode') as typeof Dockerode);
}
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as path from 'path';
import { inspect } from 'util';
import { t } from '../i18n';
import type { BuildImageOptions, DockerEngine, EngineEventStream, EventStreamOptions } from './api';
import { classifyError } from './classify';
import { EngineError } from './errors';
import { SharedEventStream } from './events';
import { firstTarEntry } from './tar';
import type {
  ContainerDetails, ContainerState, ContainerSummary, EngineDaemonInfo, EngineInfo, EngineSnapshot, Endpoint, ImageDetails, ImageHistoryRow,
  ImageSummary, NetworkDetails, NetworkSummary, PortBinding, ServiceDetails, SwarmObject, SwarmObjectKind, TaskDetails, VolumeDetails, VolumeSummary,
} from './types';

/**
 * Per-call time limits: cheap reads must answer fast; stop/remove may wait for a container's grace period. GET /_ping
 * does no work in the daemon: one that has not answered in 1.5 s is stuck, and the learner hears so within 2 s.
 */
const PING_TIMEOUT_MS = 1_500;
const LIST_TIMEOUT_MS = 20_000;
const INSPECT_TIMEOUT_MS = 20_000;
const ACTION_TIMEOUT_MS = 60_000;
const PRUNE_TIMEOUT_MS = 120_000;
const DEFAULT_EXEC_TIMEOUT_MS = 30_000;
const BUILD_TIMEOUT_MS = 10 * 60_000;

type PruneKind = 'containers' | 'images' | 'volumes' | 'networks';
const PREDEFINED_NETWORKS = new Set(['bridge', 'host', 'none']);
const CONTAINER_STATES = new Set<ContainerState>(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']);
/** States `docker container prune` leaves alone. */
const LIVE_STATES = new Set(['running', 'paused', 'restarting', 'removing']);

/** The bit of docker-modem we call directly (dockerode types it loosely). */
interface Modem {
  dial(options: Record<string, unknown>, callback: (err: unknown, data: unknown) => void): void;
  demuxStream(stream: NodeJS.ReadableStream, stdout: { write(chunk: Buffer): unknown }, stderr: { write(chunk: Buffer): unknown }): void;
}

export class Engine implements DockerEngine {
  /** The dockerode client: never handed out, everything above this file speaks DockerEngine. */
  private readonly api: Dockerode;
  /** A configuration problem found while building the client (unreadable TLS files); every call reports it. */
  private readonly configError: EngineError | undefined;
  private sharedEvents: SharedEventStream | undefined;
  private apiVersionCache: Promise<string> | undefined;
  private disposed = false;

  constructor(readonly endpoint: Endpoint) {
    let options: Dockerode.DockerOptions;
    try {
      options = dockerodeOptions(endpoint);
      this.configError = undefined;
    } catch (err) {
      options = { socketPath: '/nonexistent' };
      this.configError = err instanceof EngineError ? err : classifyError(err, endpoint);
    }
    const DockerodeClient = loadDockerode();
    this.api = withoutDockerEnv(() => new DockerodeClient(options));
  }

  private get modem(): Modem {
    return this.api.modem as unknown as Modem;
  }

  /** Run one API call under a time limit, turning every failure into an EngineError. */
  private async call<T>(timeoutMs: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.configError) throw this.configError;
    const signal = AbortSignal.timeout(timeoutMs);
    // Some dockerode calls ignore abortSignal; the race enforces the limit for them too.
    let onAbort: (() => void) | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason ?? Object.assign(new Error('timed out'), { name: 'TimeoutError' }));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([fn(signal), timedOut]);
    } catch (err) {
      throw classifyError(err, this.endpoint);
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
    }
  }

  async ping(): Promise<void> {
    await this.call(PING_TIMEOUT_MS, (abortSignal) => withOptions(this.api.ping, this.api, { abortSignal }));
  }

  async version(): Promise<{ version: string; apiVersion: string; os: string; arch: string }> {
    const v = await this.call(LIST_TIMEOUT_MS, (abortSignal) => withOptions<Dockerode.DockerVersion>(this.api.version, this.api, { abortSignal }));
    return { version: v.Version, apiVersion: v.ApiVersion, os: v.Os, arch: v.Arch };
  }

  async info(): Promise<EngineInfo> {
    const info = await this.call(LIST_TIMEOUT_MS, (abortSignal) => withOptions<Record<string, any>>(this.api.info, this.api, { abortSignal }));
    return toEngineInfo(info);
  }

  async listContainers(): Promise<ContainerSummary[]> {
    return (await this.rawContainers()).map(toContainerSummary);
  }

  async listImages(): Promise<ImageSummary[]> {
    const list = () => this.call(LIST_TIMEOUT_MS, (abortSignal) => this.api.listImages({ abortSignal }));
    try {
      return (await list()).map(toImageSummary);
    } catch (error) {
      // The containerd image store answers 404 ("content digest … not found") when an image is deleted while it
      // lists; a moment later the list is whole again.
      if (!(error instanceof EngineError) || error.code !== 'not-found') throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
      return (await list()).map(toImageSummary);
    }
  }

  async listVolumes(): Promise<VolumeSummary[]> {
    const result = await this.call(LIST_TIMEOUT_MS, (abortSignal) => this.api.listVolumes({ abortSignal }));
    return (result.Volumes ?? []).map(toVolumeSummary);
  }

  async listNetworks(): Promise<NetworkSummary[]> {
    const [networks, containers] = await Promise.all([this.rawNetworks(), this.rawContainers()]);
    return toNetworkSummaries(networks, containers);
  }

  async snapshot(): Promise<EngineSnapshot> {
    const [containers, images, volumes, networks] = await Promise.all([
      this.rawContainers(), this.listImages(), this.listVolumes(), this.rawNetworks(),
    ]);
    return {
      containers: containers.map(toContainerSummary),
      images,
      volumes,
      networks: toNetworkSummaries(networks, containers),
      takenAt: Date.now(),
    };
  }

  async containerSummary(id: string): Promise<ContainerSummary | undefined> {
    const [container] = await this.call(LIST_TIMEOUT_MS, (abortSignal) =>
      this.api.listContainers({ all: true, filters: { id: [id] }, abortSignal }));
    return container ? toContainerSummary(container) : undefined;
  }

  async imageSummary(idOrRef: string): Promise<ImageSummary | undefined> {
    const image = await unlessNotFound(this.call(INSPECT_TIMEOUT_MS, () => this.api.getImage(idOrRef).inspect()));
    if (!image) return undefined;
    const summary = toImageSummary({
      Id: image.Id, RepoTags: image.RepoTags ?? [], RepoDigests: image.RepoDigests ?? [], Size: image.Size,
      Created: Math.floor(Date.parse(image.Created) / 1000) || 0, Labels: image.Config?.Labels ?? {}, Containers: -1,
    } as Dockerode.ImageInfo);
    // The containerd image store reports another size in the list than in the inspect document: take the list's where
    // a tag finds the image (that list names only the matching tags, so the tags stay the inspect document's).
    const tag = summary.repoTags[0];
    if (tag) {
      const listed = await this.call(LIST_TIMEOUT_MS, (abortSignal) => this.api.listImages({ filters: { reference: [tag] }, abortSignal }));
      const entry = listed.find((i) => i.Id === image.Id);
      if (entry) return { ...summary, size: entry.Size, created: entry.Created };
    }
    return summary;
  }

  async volumeSummary(name: string): Promise<VolumeSummary | undefined> {
    const volume = await unlessNotFound(this.call(INSPECT_TIMEOUT_MS, (abortSignal) => this.api.getVolume(name).inspect({ abortSignal })));
    return volume && toVolumeSummary(volume);
  }

  async networkSummary(idOrName: string): Promise<NetworkSummary | undefined> {
    const network = await unlessNotFound(this.call(INSPECT_TIMEOUT_MS, () => this.api.getNetwork(idOrName).inspect() as Promise<Dockerode.NetworkInspectInfo>));
    return network && toNetworkSummaries([network], [])[0];
  }

  private rawContainers(): Promise<Dockerode.ContainerInfo[]> {
    // No size=1: computing sizes makes the daemon walk every container's filesystem.
    return this.call(LIST_TIMEOUT_MS, (abortSignal) => this.api.listContainers({ all: true, abortSignal }));
  }

  private rawNetworks(): Promise<Dockerode.NetworkInspectInfo[]> {
    return this.call(LIST_TIMEOUT_MS, (abortSignal) => this.api.listNetworks({ abortSignal }));
  }

  // The inspect documents go on whole (the explorer shows them); dockerode's typings of them must fit ours, so a
  // dockerode upgrade that disagrees with the fields we read fails to compile here.

  inspectContainer(idOrName: string): Promise<ContainerDetails> {
    return this.call(INSPECT_TIMEOUT_MS, (abortSignal) => this.api.getContainer(idOrName).inspect({ abortSignal }));
  }

  inspectImage(ref: string): Promise<ImageDetails> {
    return this.call(INSPECT_TIMEOUT_MS, () => this.api.getImage(ref).inspect());
  }

  inspectVolume(name: string): Promise<VolumeDetails> {
    return this.call(INSPECT_TIMEOUT_MS, (abortSignal) => this.api.getVolume(name).inspect({ abortSignal }));
  }

  inspectNetwork(idOrName: string): Promise<NetworkDetails> {
    return this.call(INSPECT_TIMEOUT_MS, () => this.api.getNetwork(idOrName).inspect());
  }

  async imageHistory(ref: string): Promise<ImageHistoryRow[]> {
    // dockerode leaves these answers untyped.
    const rows = await this.call(INSPECT_TIMEOUT_MS, () => this.api.getImage(ref).history() as Promise<Partial<ImageHistoryRow>[]>);
    return (rows ?? []).map(toHistoryRow);
  }

  listServices(): Promise<ServiceDetails[]> {
    return this.call(LIST_TIMEOUT_MS, (abortSignal) => this.api.listServices({ abortSignal }) as Promise<ServiceDetails[]>);
  }

  inspectService(idOrName: string): Promise<ServiceDetails> {
    return this.call(INSPECT_TIMEOUT_MS, (abortSignal) => this.api.getService(idOrName).inspect({ abortSignal }) as Promise<ServiceDetails>);
  }

  async listSwarmObjects(kind: SwarmObjectKind): Promise<SwarmObject[]> {
    type Listed = { ID: string; Spec?: { Name?: string; Labels?: Record<string, string> } };
    const listed = await this.call(LIST_TIMEOUT_MS, (abortSignal) =>
      (kind === 'secret' ? this.api.listSecrets({ abortSignal }) : this.api.listConfigs({ abortSignal })) as Promise<Listed[]>);
    return listed.map((o) => ({ id: o.ID, name: o.Spec?.Name ?? o.ID, labels: o.Spec?.Labels ?? {} }));
  }

  listServiceTasks(service: string): Promise<TaskDetails[]> {
    return this.call(LIST_TIMEOUT_MS, (abortSignal) =>
      this.api.listTasks({ filters: { service: [service] }, abortSignal }) as Promise<TaskDetails[]>);
  }

  async startContainer(id: string): Promise<void> {
    await this.call(ACTION_TIMEOUT_MS, (abortSignal) => ignoreNotModified(this.api.getContainer(id).start({ abortSignal })));
  }

  async stopContainer(id: string): Promise<void> {
    await this.call(ACTION_TIMEOUT_MS, (abortSignal) => ignoreNotModified(this.api.getContainer(id).stop({ abortSignal })));
  }

  async restartContainer(id: string): Promise<void> {
    await this.call(ACTION_TIMEOUT_MS, (abortSignal) => this.api.getContainer(id).restart({ abortSignal }));
  }

  async pauseContainer(id: string): Promise<void> {
    await this.call(ACTION_TIMEOUT_MS, (abortSignal) => this.api.getContainer(id).pause({ abortSignal }));
  }

  async unpauseContainer(id: string): Promise<void> {
    await this.call(ACTION_TIMEOUT_MS, (abortSignal) => this.api.getContainer(id).unpause({ abortSignal }));
  }

  async removeContainer(id: string, opts: { force?: boolean; volumes?: boolean } = {}): Promise<void> {
    await this.call(ACTION_TIMEOUT_MS, (abortSignal) =>
      this.api.getContainer(id).remove({ force: opts.force ?? false, v: opts.volumes ?? false, abortSignal }));
  }

  async removeImage(ref: string, opts: { force?: boolean } = {}): Promise<void> {
    await this.call(ACTION_TIMEOUT_MS, (abortSignal) =>
      this.api.getImage(ref).remove({ force: opts.force ?? false, abortSignal }));
  }

  async tagImage(ref: string, repo: string, tag: string): Promise<void> {
    await this.call(ACTION_TIMEOUT_MS, (abortSignal) => this.api.getImage(ref).tag({ repo, tag, abortSignal }));
  }

  async removeVolume(name: string): Promise<void> {
    await this.call(ACTION_TIMEOUT_MS, (abortSignal) => this.api.getVolume(name).remove({ abortSignal }));
  }

  async removeNetwork(idOrName: string): Promise<void> {
    await this.call(ACTION_TIMEOUT_MS, (abortSignal) => this.api.getNetwork(idOrName).remove({ abortSignal }));
  }

  async removeService(idOrName: string): Promise<void> {
    await this.call(ACTION_TIMEOUT_MS, (abortSignal) => this.api.getService(idOrName).remove({ abortSignal }));
  }

  async updateService(id: string, version: number, spec: object): Promise<void> {
    // docker-modem sends `_query` as the query string and `_body` as the JSON body.
    await this.call(ACTION_TIMEOUT_MS, (abortSignal) => this.api.getService(id).update({ _query: { version }, _body: spec, abortSignal }));
  }

  async removeSwarmObject(kind: SwarmObjectKind, id: string): Promise<void> {
    await this.call(ACTION_TIMEOUT_MS, (abortSignal) =>
      (kind === 'secret' ? this.api.getSecret(id) : this.api.getConfig(id)).remove({ abortSignal }));
  }

  async leaveSwarm(opts: { force?: boolean } = {}): Promise<void> {
    await this.call(ACTION_TIMEOUT_MS, (abortSignal) => this.api.swarmLeave({ force: opts.force ?? false, abortSignal }));
  }

  async previewPrune(kind: PruneKind): Promise<{ id: string; label: string }[]> {
    switch (kind) {
      case 'containers': {
        const containers = await this.rawContainers();
        return containers.filter((c) => !LIVE_STATES.has(c.State))
          .map((c) => ({ id: c.Id, label: `${containerName(c)} (${c.Image}, ${c.Status})` }));
      }
      case 'images': {
        const dangling = await this.call(LIST_TIMEOUT_MS, (abortSignal) =>
          this.api.listImages({ filters: { dangling: ['true'] }, abortSignal }));
        return dangling.map((i) => ({ id: i.Id, label: `${shortId(i.Id)} (${formatBytes(i.Size)})` }));
      }
      case 'volumes': {
        const [result, apiVersion] = await Promise.all([
          this.call(LIST_TIMEOUT_MS, (abortSignal) => this.api.listVolumes({ filters: { dangling: ['true'] }, abortSignal })),
          this.apiVersion(),
        ]);
        // From API 1.42 on, `volume prune` removes only anonymous volumes unless asked for all.
        const onlyAnonymous = compareApiVersions(apiVersion, '1.42') >= 0;
        return (result.Volumes ?? [])
          .filter((v) => !onlyAnonymous || v.Labels?.['com.docker.volume.anonymous'] !== undefined)
          .map((v) => ({ id: v.Name, label: v.Name }));
      }
      case 'networks': {
        const [networks, containers] = await Promise.all([this.rawNetworks(), this.rawContainers()]);
        // The daemon keeps networks with endpoints, i.e. used by containers that are up.
        const inUse = new Set<string>();
        for (const c of containers) {
          if (!LIVE_STATES.has(c.State)) continue;
          for (const n of Object.values(c.NetworkSettings?.Networks ?? {})) if (n.NetworkID) inUse.add(n.NetworkID);
        }
        return networks.filter((n) => !PREDEFINED_NETWORKS.has(n.Name) && !inUse.has(n.Id) && n.Scope === 'local')
          .map((n) => ({ id: n.Id, label: `${n.Name} (${n.Driver})` }));
      }
    }
  }

  async prune(kind: PruneKind): Promise<{ removed: string[]; spaceReclaimed: number }> {
    return this.call(PRUNE_TIMEOUT_MS, async (abortSignal) => {
      switch (kind) {
        case 'containers': {
          const r = await this.api.pruneContainers({ abortSignal });
          return { removed: r.ContainersDeleted ?? [], spaceReclaimed: r.SpaceReclaimed ?? 0 };
        }
        case 'images': {
          const r = await this.api.pruneImages({ abortSignal });
          const removed = (r.ImagesDeleted ?? []).map((d) => d.Deleted ?? d.Untagged ?? '').filter(Boolean);
          return { removed, spaceReclaimed: r.SpaceReclaimed ?? 0 };
        }
        case 'volumes': {
          const r = await this.api.pruneVolumes({ abortSignal });
          return { removed: r.VolumesDeleted ?? [], spaceReclaimed: r.SpaceReclaimed ?? 0 };
        }
        case 'networks': {
          const r = await this.api.pruneNetworks({ abortSignal });
          return { removed: r.NetworksDeleted ?? [], spaceReclaimed: 0 };
        }
      }
    });
  }

  async exec(container: string, cmd: string[], opts: { timeoutMs?: number; user?: string; workingDir?: string } = {}):
    Promise<{ exitCode: number; stdout: string; stderr: string }> {
    const timeoutMs = opts.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
    // The API calls get their own allowance on top of the command's time limit, which untilEnded enforces.
    return this.call(timeoutMs + INSPECT_TIMEOUT_MS, async (abortSignal) => {
      const exec = await this.api.getContainer(container).exec({
        Cmd: cmd, AttachStdout: true, AttachStderr: true, AttachStdin: false, Tty: false,
        User: opts.user, WorkingDir: opts.workingDir, abortSignal,
      });
      const stream = await exec.start({ hijack: true, stdin: false, Detach: false, Tty: false, abortSignal });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      this.modem.demuxStream(stream, { write: (b: Buffer) => stdout.push(b) }, { write: (b: Buffer) => stderr.push(b) });
      await untilEnded(stream, AbortSignal.timeout(timeoutMs), () => new EngineError('api', t(
        'The command `{0}` in container {1} did not finish within {2} seconds.',
        cmd.join(' '), container, Math.round(timeoutMs / 1000)), this.endpoint.url));
      const info = await exec.inspect({ abortSignal });
      return {
        exitCode: info.ExitCode ?? -1,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      };
    });
  }

  async logs(container: string, opts: { tail?: number } = {}): Promise<string> {
    const info = await this.inspectContainer(container);
    return this.call(LIST_TIMEOUT_MS, async (abortSignal) => {
      // Through the modem directly: dockerode's non-follow logs() JSON-parses the body when it happens to be JSON.
      const body = await this.dialStream({
        path: `/containers/${encodeURIComponent(info.Id)}/logs?`,
        method: 'GET',
        options: { stdout: true, stderr: true, follow: false, ...(opts.tail !== undefined ? { tail: opts.tail } : {}) },
        abortSignal,
        statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
      });
      const chunks: Buffer[] = [];
      const collect = { write: (b: Buffer) => chunks.push(b) };
      // With a TTY the engine sends the raw terminal stream, without the 8-byte multiplexing headers.
      if (info.Config?.Tty) body.on('data', (b: Buffer) => chunks.push(b));
      else this.modem.demuxStream(body, collect, collect);
      await untilEnded(body, abortSignal);
      return Buffer.concat(chunks).toString('utf8');
    });
  }

  async readFile(container: string, filePath: string, depth = 0): Promise<string | undefined> {
    let tar: Buffer;
    try {
      tar = await this.call(LIST_TIMEOUT_MS, async (abortSignal) => {
        const body = await this.api.getContainer(container).getArchive({ path: filePath, abortSignal });
        return readAll(body, abortSignal);
      });
    } catch (err) {
      // 404 means either no such container (an error) or no such path (undefined).
      if (err instanceof EngineError && err.code === 'not-found' && !/no such container/i.test(err.engineMessage ?? '')) {
        return undefined;
      }
      throw err;
    }
    const entry = firstTarEntry(tar);
    if (!entry) return undefined;
    if (entry.type === 'symlink' && entry.linkName && depth < 8) {
      const target = path.posix.resolve(path.posix.dirname(filePath), entry.linkName);
      return this.readFile(container, target, depth + 1);
    }
    return entry.type === 'file' ? entry.data.toString('utf8') : undefined;
  }

  async buildImage(context: Buffer, options: BuildImageOptions): Promise<{ id?: string }> {
    return this.call(options.timeoutMs ?? BUILD_TIMEOUT_MS, async (timeout) => {
      const abortSignal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
      const body = await this.dialStream({
        path: '/build?',
        method: 'POST',
        file: context,
        // version 1 = the classic builder (BuildKit would need a session and resolves FROM images through a registry).
        options: {
          t: [...options.tags], labels: options.labels ?? {}, buildargs: options.buildArgs ?? {}, version: '1', rm: true, forcerm: true,
        },
        abortSignal,
        statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
      });
      let id: string | undefined;
      let failure: string | undefined;
      let pending = '';
      let text = '';
      const onRecord = (line: string) => {
        if (!line.trim()) return;
        let record: { stream?: string; error?: string; errorDetail?: { message?: string }; aux?: { ID?: string } };
        try {
          record = JSON.parse(line) as typeof record;
        } catch {
          return;
        }
        if (record.error || record.errorDetail?.message) failure = record.errorDetail?.message ?? record.error;
        if (record.aux?.ID) id = record.aux.ID;
        if (typeof record.stream === 'string') {
          text += record.stream;
          const lines = text.split('\n');
          text = lines.pop() ?? '';
          for (const out of lines) options.onOutput?.(out);
          const built = /^Successfully built ([0-9a-f]{12,})/m.exec(record.stream);
          if (built && !id) id = built[1];
        }
      };
      body.on('data', (chunk: Buffer) => {
        pending += chunk.toString('utf8');
        const records = pending.split('\n');
        pending = records.pop() ?? '';
        for (const record of records) onRecord(record);
      });
      await untilEnded(body, abortSignal);
      onRecord(pending);
      if (text) options.onOutput?.(text);
      if (failure !== undefined) {
        throw new EngineError('api', t('Building {0} failed: {1}', options.tags.join(', '), failure.trim()), this.endpoint.url,
          undefined, failure.trim());
      }
      return { id };
    });
  }

  events(options?: EventStreamOptions): EngineEventStream {
    if (!this.sharedEvents) {
      this.sharedEvents = new SharedEventStream({
        open: (signal) => {
          if (this.configError) return Promise.reject(this.configError);
          return this.api.getEvents({ abortSignal: signal });
        },
        classify: (err) => classifyError(err, this.endpoint),
      }, options);
      if (this.disposed) this.sharedEvents.dispose();
    }
    return this.sharedEvents.view();
  }

  dispose(): void {
    this.disposed = true;
    this.sharedEvents?.dispose();
  }

  private apiVersion(): Promise<string> {
    this.apiVersionCache ??= this.version().then((v) => v.apiVersion, (err: unknown) => {
      this.apiVersionCache = undefined;
      throw err;
    });
    return this.apiVersionCache;
  }

  private dialStream(options: Record<string, unknown>): Promise<NodeJS.ReadableStream> {
    return new Promise((resolve, reject) => {
      this.modem.dial({ ...options, isStream: true }, (err, data) => {
        if (err) reject(err);
        else resolve(data as NodeJS.ReadableStream);
      });
    });
  }
}

// ---- construction ----

/**
 * docker-modem formats every request's options with util.inspect (hidden properties, unlimited depth) for a debug line
 * that is off; the agent among them drags in its live sockets: ~2 ms of CPU per request, 9 ms of a 4-list snapshot.
 * Our agents print as their class name.
 */
export function quietAgent<T extends http.Agent>(agent: T): T {
  Object.defineProperty(agent, inspect.custom, { value: () => `[${agent.constructor.name}]` });
  return agent;
}

function dockerodeOptions(endpoint: Endpoint): Dockerode.DockerOptions {
  // Every connection key is given explicitly so nothing leaks in from docker-modem's own DOCKER_* env defaults.
  const base = { host: undefined, port: undefined, socketPath: undefined, ca: undefined, cert: undefined, key: undefined };
  switch (endpoint.kind) {
    case 'unix':
    case 'npipe':
      // A new connection per request, as the docker CLI makes (a local one costs next to nothing): a socket replaced
      // under us (the daemon restarted, the socket file swapped) is seen by the next request, not after a kept-alive
      // connection to the old one breaks.
      return { ...base, socketPath: endpoint.socketPath, agent: quietAgent(new http.Agent({ keepAlive: false })) } as Dockerode.DockerOptions;
    case 'ssh':
      return {
        ...base, protocol: 'ssh', host: endpoint.host, port: endpoint.port, username: endpoint.username,
        sshOptions: { agent: process.env.SSH_AUTH_SOCK },
      } as Dockerode.DockerOptions;
    case 'tcp': {
      if (!endpoint.tls) return { ...base, protocol: 'http', host: endpoint.host, port: endpoint.port };
      const read = (file: string | undefined): Buffer | undefined => {
        if (!file) return undefined;
        try {
          return fs.readFileSync(file);
        } catch (err) {
          throw new EngineError('bad-host', t(
            'Cannot read the TLS file {0} ({1}). Check DOCKER_CERT_PATH, or the TLS files of your Docker context.',
            file, (err as Error).message), endpoint.url, undefined, undefined, { cause: err });
        }
      };
      const ca = read(endpoint.tls.caPath);
      const cert = read(endpoint.tls.certPath);
      const key = read(endpoint.tls.keyPath);
      return {
        ...base, protocol: 'https', host: endpoint.host, port: endpoint.port, ca, cert, key,
        // Skipping verification needs an agent: docker-modem does not pass rejectUnauthorized through.
        ...(endpoint.tls.verify ? {} : { agent: quietAgent(new https.Agent({ rejectUnauthorized: false, ca, cert, key })) }),
      } as Dockerode.DockerOptions;
    }
  }
}

/**
 * docker-modem reads DOCKER_HOST / DOCKER_CERT_PATH in its constructor even when options say otherwise, and throws on
 * values it cannot parse; our endpoint is already resolved, so hide those variables while it is built.
 */
function withoutDockerEnv<T>(build: () => T): T {
  const names = ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_CLIENT_TIMEOUT', 'DOCKER_PATH_PREFIX'];
  const saved = names.map((n) => [n, process.env[n]] as const);
  for (const n of names) delete process.env[n];
  try {
    return build();
  } finally {
    for (const [n, v] of saved) if (v !== undefined) process.env[n] = v;
  }
}

// ---- mapping ----

function containerName(c: Dockerode.ContainerInfo): string {
  return (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
}

function toContainerSummary(c: Dockerode.ContainerInfo): ContainerSummary {
  const state = CONTAINER_STATES.has(c.State as ContainerState) ? c.State as ContainerState : 'dead';
  return {
    id: c.Id,
    name: containerName(c),
    image: c.Image,
    imageId: c.ImageID,
    command: c.Command,
    state,
    status: c.Status,
    created: c.Created,
    ports: (c.Ports ?? []).map((p): PortBinding => ({
      privatePort: p.PrivatePort,
      ...(p.PublicPort ? { publicPort: p.PublicPort } : {}),
      ...(p.IP ? { ip: p.IP } : {}),
      type: p.Type === 'udp' || p.Type === 'sctp' ? p.Type : 'tcp',
    })),
    labels: c.Labels ?? {},
    networks: Object.keys(c.NetworkSettings?.Networks ?? {}),
    mounts: (c.Mounts ?? []).map((m) => ({
      type: m.Type,
      ...(m.Name ? { name: m.Name } : {}),
      source: m.Source,
      destination: m.Destination,
      readOnly: m.RW === false,
    })),
  };
}

function toImageSummary(i: Dockerode.ImageInfo): ImageSummary {
  return {
    id: i.Id,
    repoTags: (i.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>'),
    repoDigests: (i.RepoDigests ?? []).filter((d) => d !== '<none>@<none>'),
    created: i.Created,
    size: i.Size,
    labels: i.Labels ?? {},
    containers: typeof i.Containers === 'number' ? i.Containers : -1,
  };
}

function toVolumeSummary(v: Dockerode.VolumeInspectInfo): VolumeSummary {
  const created = (v as { CreatedAt?: string }).CreatedAt;
  return {
    name: v.Name,
    driver: v.Driver,
    mountpoint: v.Mountpoint,
    ...(created ? { created } : {}),
    labels: v.Labels ?? {},
    scope: v.Scope,
  };
}

function toNetworkSummaries(networks: Dockerode.NetworkInspectInfo[], containers: Dockerode.ContainerInfo[]):
  NetworkSummary[] {
  // The list endpoint leaves `Containers` empty; the container list says who is on which network.
  const namesByNetwork = new Map<string, string[]>();
  for (const c of containers) {
    for (const [networkName, info] of Object.entries(c.NetworkSettings?.Networks ?? {})) {
      const key = info.NetworkID || networkName;
      const names = namesByNetwork.get(key) ?? [];
      names.push(containerName(c));
      namesByNetwork.set(key, names);
    }
  }
  return networks.map((n) => {
    const listed = Object.values(n.Containers ?? {}).map((c) => c.Name).filter(Boolean);
    const names = new Set([...(namesByNetwork.get(n.Id) ?? namesByNetwork.get(n.Name) ?? []), ...listed]);
    return {
      id: n.Id,
      name: n.Name,
      driver: n.Driver,
      scope: n.Scope,
      internal: n.Internal === true,
      ...(n.Created ? { created: n.Created } : {}),
      labels: n.Labels ?? {},
      subnets: (n.IPAM?.Config ?? []).map((c) => c.Subnet).filter((s): s is string => !!s),
      containers: [...names].sort(),
    };
  });
}

function toHistoryRow(row: Partial<ImageHistoryRow>): ImageHistoryRow {
  return {
    Id: row.Id ?? '',
    Created: row.Created ?? 0,
    CreatedBy: row.CreatedBy ?? '',
    Tags: row.Tags ?? null,
    Size: row.Size ?? 0,
    Comment: row.Comment ?? '',
  };
}

function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}

export function toEngineInfo(info: Record<string, any>): EngineInfo {
  const driverStatus: unknown[] = Array.isArray(info.DriverStatus) ? info.DriverStatus : [];
  // The containerd store reports [["driver-type", "io.containerd.snapshotter.v1"]]; graph drivers report their own rows.
  const snapshotter = driverStatus.some((row) => Array.isArray(row) && row[0] === 'driver-type' && String(row[1]).includes('containerd.snapshotter'));
  return {
    serverVersion: String(info.ServerVersion ?? ''),
    driver: String(info.Driver ?? ''),
    imageStore: snapshotter ? 'containerd' : 'graphdriver',
    swarm: (info.Swarm?.LocalNodeState ?? '') as EngineInfo['swarm'],
    ...(info.Swarm?.Cluster?.CreatedAt ? { swarmCreatedAt: String(info.Swarm.Cluster.CreatedAt) } : {}),
    ...(info.DockerRootDir !== undefined ? { daemon: toDaemonInfo(info) } : {}),
  };
}

function toDaemonInfo(info: Record<string, any>): EngineDaemonInfo {
  const mirrors: unknown = info.RegistryConfig?.Mirrors;
  const securityOptions: unknown = info.SecurityOptions;
  return {
    rootDir: String(info.DockerRootDir ?? ''),
    mirrors: Array.isArray(mirrors) ? mirrors.map(String) : [],
    indexServer: String(info.IndexServerAddress ?? ''),
    httpProxy: String(info.HTTPProxy ?? ''),
    httpsProxy: String(info.HTTPSProxy ?? ''),
    noProxy: String(info.NoProxy ?? ''),
    operatingSystem: String(info.OperatingSystem ?? ''),
    rootless: Array.isArray(securityOptions) && securityOptions.some((option) => String(option).includes('name=rootless')),
  };
}

export function compareApiVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Call a dockerode method whose typings omit the options its implementation accepts (ping/version take abortSignal). */
function withOptions<T>(method: (...args: never[]) => unknown, self: Dockerode, options: object): Promise<T> {
  return (method as unknown as (this: Dockerode, opts: object) => Promise<T>).call(self, options);
}

/** A 404 means the object is gone: undefined. */
async function unlessNotFound<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof EngineError && err.code === 'not-found') return undefined;
    throw err;
  }
}

/** start/stop of a container already in that state answers 304; that is success for us. */
async function ignoreNotModified(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode !== 304) throw err;
  }
}

// ---- streams ----

function untilEnded(stream: NodeJS.ReadableStream, signal: AbortSignal, onTimeout?: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err?: unknown): void => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve();
    };
    const onAbort = (): void => {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      finish(onTimeout?.() ?? signal.reason ?? new Error('aborted'));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort);
    stream.on('end', () => finish());
    stream.on('close', () => finish());
    stream.on('error', (err: unknown) => finish(err));
  });
}

async function readAll(stream: NodeJS.ReadableStream, signal: AbortSignal): Promise<Buffer> {
  const chunks: Buffer[] = [];
  stream.on('data', (b: Buffer) => chunks.push(b));
  await untilEnded(stream, signal);
  return Buffer.concat(chunks);
}
