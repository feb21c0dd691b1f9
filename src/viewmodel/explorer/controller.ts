// When and what the explorer fetches from Docker. vscode-free (visibility is an input) so the timing rules are tested
// in plain Node against the real engine:
// - no Docker I/O while no explorer view is visible;
// - full snapshots only when a view becomes visible, on (re)connecting, on a manual refresh and on a slow safety timer
//   (event streams drop things eventually; Container Tools refreshes periodically too);
// - an engine event (a hint; its payload is not trusted as data) updates only the object it names: that one container,
//   image, volume or network is fetched again, or dropped when destroyed. The first events after a quiet period go
//   through at once; a burst is batched on its trailing edge (EventGate), and a batch naming many objects of a kind
//   lists that kind once instead. A trailing-edge batch whose fetch is overtaken by new events (the burst only paused)
//   goes into the model but is drawn with the next batch, unless the trees have waited a pace interval;
// - while disconnected, ping every second so the tree comes back within ~2 s of the engine returning.
import type { DockerEngine, Disposable, EngineEventStream } from '../../engine/api';
import { EventGate, type EventGateOptions, type FlushReason } from '../../engine/coalesce';
import { EngineError } from '../../engine/errors';
import { classifyError } from '../../engine';
import type {
  ContainerSummary, EngineEvent, EngineSnapshot, ImageSummary, NetworkSummary, ResourceKind, VolumeSummary,
} from '../../engine/types';
import type { ExplorerView } from './model';
import { applyUpdates, isQuiet, planUpdates, type FetchedUpdates } from './updates';

/** Engine state as exposed in the `dockerLessons.engineState` context key. */
export type EngineState = 'unknown' | 'connected' | 'unreachable' | 'permission-denied' | 'bad-host';

/** Returns the current engine (created lazily by the caller; may throw an EngineError such as bad-host). */
export type EngineSource = () => DockerEngine | Promise<DockerEngine>;

export interface ExplorerControllerOptions {
  /** How engine events are batched (defaults in EventGate). */
  gate?: EventGateOptions;
  /** Safety-net full refresh while visible. */
  safetyRefreshMs?: number;
  /** Ping interval while disconnected and visible. */
  reconnectPollMs?: number;
}

const ALL_KINDS: readonly ResourceKind[] = ['container', 'image', 'volume', 'network'];

function stateOf(error: EngineError): EngineState {
  if (error.code === 'permission-denied' || error.code === 'bad-host') return error.code;
  return 'unreachable';
}

function isConnectionError(error: EngineError): boolean {
  return error.code === 'unreachable' || error.code === 'permission-denied' || error.code === 'bad-host';
}

export class ExplorerModelController implements Disposable {
  private readonly safetyRefreshMs: number;
  private readonly reconnectPollMs: number;

  private readonly visibleViews = new Set<ExplorerView>();
  private current: EngineSnapshot | undefined;
  private stateValue: EngineState = 'unknown';
  private errorValue: EngineError | undefined;
  private versionValue: string | undefined;

  /** The engine our event subscription and snapshot belong to; a different one means "start over". */
  private boundEngine: DockerEngine | undefined;
  private stream: EngineEventStream | undefined;
  private subscriptions: Disposable[] = [];
  /** Set when a snapshot was taken while the event stream was not up: events in that gap may be lost. */
  private missedEvents = false;

  private readonly gate: EventGate<EngineEvent>;
  /** Events of an update that is queued but has not started, and why the gate let them through. */
  private waitingEvents: EngineEvent[] | undefined;
  private waitingReason: FlushReason = 'trailing';
  /** When the model last changed after events (a redraw of the visible trees). */
  private lastEventUpdateAt = Number.NEGATIVE_INFINITY;
  /** Kinds patched into the snapshot during a burst's pause, whose redraw waits for the next update. */
  private readonly unshownChanges = new Set<ResourceKind>();
  private safetyTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private pinging = false;
  /** Refreshes run one after another so an older result never overwrites a newer one. */
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  private disposed = false;

  private readonly changeListeners = new Set<(kinds: Set<ResourceKind>) => void>();
  private readonly stateListeners = new Set<(state: EngineState, error?: EngineError) => void>();

  constructor(private readonly source: EngineSource, options: ExplorerControllerOptions = {}) {
    this.gate = new EventGate((events, reason) => void this.enqueueEvents(events, reason), options.gate);
    this.safetyRefreshMs = options.safetyRefreshMs ?? 60_000;
    this.reconnectPollMs = options.reconnectPollMs ?? 1000;
  }

  // ------------------------------------------------------------ inputs

  get active(): boolean {
    return this.visibleViews.size > 0 && !this.disposed;
  }

  setVisible(view: ExplorerView, visible: boolean): void {
    const wasActive = this.active;
    if (visible) this.visibleViews.add(view); else this.visibleViews.delete(view);
    if (!wasActive && this.active) this.activate();
    if (wasActive && !this.active) this.deactivate();
  }

  /** Manual refresh (refresh button, retry, items() for tests): runs now, visible or not. */
  refresh(kinds: readonly ResourceKind[] = ALL_KINDS): Promise<void> {
    return this.enqueue(kinds);
  }

  /** Retry command: ping now and reload everything. */
  retry(): Promise<void> {
    return this.enqueue(ALL_KINDS);
  }

  /** The endpoint setting changed: forget the old engine's data and subscription. */
  engineChanged(): void {
    this.unbind();
    this.current = undefined;
    this.versionValue = undefined;
    this.setState('unknown');
    this.fireChange(new Set(ALL_KINDS));
    if (this.active) void this.enqueue(ALL_KINDS);
  }

  // ------------------------------------------------------------ outputs

  get snapshot(): EngineSnapshot | undefined {
    return this.current;
  }

  get state(): EngineState {
    return this.stateValue;
  }

  get error(): EngineError | undefined {
    return this.errorValue;
  }

  /** Server version once connected (for the status bar). */
  get serverVersion(): string | undefined {
    return this.versionValue;
  }

  onDidChange(listener: (kinds: Set<ResourceKind>) => void): Disposable {
    this.changeListeners.add(listener);
    return { dispose: () => this.changeListeners.delete(listener) };
  }

  onDidChangeState(listener: (state: EngineState, error?: EngineError) => void): Disposable {
    this.stateListeners.add(listener);
    return { dispose: () => this.stateListeners.delete(listener) };
  }

  /** Resolves once no refresh is queued or running and no event batch is waiting to be applied. */
  async waitForIdle(): Promise<void> {
    for (;;) {
      const queue = this.queue;
      await queue;
      if (this.gate.pending || this.pinging) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        continue;
      }
      if (queue === this.queue && this.queued === 0) return;
    }
  }

  dispose(): void {
    this.disposed = true;
    this.deactivate();
    this.unbind();
    this.changeListeners.clear();
    this.stateListeners.clear();
  }

  // ------------------------------------------------------------ visibility

  private activate(): void {
    // Whatever happened while hidden went unobserved: start from a full snapshot.
    void this.enqueue(ALL_KINDS);
    this.safetyTimer = setInterval(() => void this.enqueue(ALL_KINDS), this.safetyRefreshMs);
  }

  private deactivate(): void {
    this.unsubscribe();
    if (this.pollTimer) clearTimeout(this.pollTimer);
    if (this.safetyTimer) clearInterval(this.safetyTimer);
    this.pollTimer = this.safetyTimer = undefined;
    this.gate.dispose();
  }

  // ------------------------------------------------------------ events

  private subscribe(engine: DockerEngine): void {
    if (this.stream) return;
    const stream = engine.events();
    this.stream = stream;
    this.missedEvents = !stream.connected;
    this.subscriptions.push(
      // Quiet events (health checks' execs …) neither update anything nor make a burst of their own.
      stream.onEvent((event) => { if (this.active && !isQuiet(event)) this.gate.push(event); }),
      stream.onConnection((connected) => {
        if (!this.active) return;
        if (connected) {
          // Events may have been lost while the stream was down (or before it first came up).
          if (this.missedEvents || this.stateValue !== 'connected') void this.enqueue(ALL_KINDS);
          this.missedEvents = false;
        } else {
          this.missedEvents = true;
          void this.pingOnce();
        }
      }),
    );
  }

  private unsubscribe(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.subscriptions = [];
    // Disposing our view of the shared stream lets the engine close GET /events once nobody else listens.
    this.stream?.dispose();
    this.stream = undefined;
  }

  private unbind(): void {
    this.unsubscribe();
    this.boundEngine = undefined;
  }

  // ------------------------------------------------------------ fetching

  private enqueue(kinds: readonly ResourceKind[]): Promise<void> {
    return this.run(() => this.fetch(kinds));
  }

  private enqueueEvents(events: EngineEvent[], reason: FlushReason): Promise<void> {
    // Events that come while an update is queued join it: one fetch and one redraw for them all.
    if (this.waitingEvents) {
      this.waitingEvents.push(...events);
      this.waitingReason = reason === 'trailing' ? this.waitingReason : reason;
      return this.queue;
    }
    const batch = (this.waitingEvents = [...events]);
    this.waitingReason = reason;
    return this.run(() => {
      const batchReason = this.waitingReason;
      this.waitingEvents = undefined;
      return this.applyEvents(batch, batchReason);
    });
  }

  private run(work: () => Promise<void>): Promise<void> {
    this.queued++;
    const run = this.queue.then(work).finally(() => { this.queued--; });
    this.queue = run.catch(() => undefined);
    return this.queue;
  }

  private async engine(): Promise<DockerEngine> {
    const engine = await this.source();
    if (engine !== this.boundEngine) {
      // A new engine (setting changed): the old snapshot and subscription describe another daemon.
      if (this.boundEngine !== undefined) this.current = undefined;
      this.unbind();
      this.boundEngine = engine;
      this.versionValue = undefined;
    }
    return engine;
  }

  private async fetch(kinds: readonly ResourceKind[]): Promise<void> {
    if (this.disposed) return;
    try {
      const engine = await this.engine();
      // An engine not known to answer is asked the cheap question first: a stuck one is told within the ping's 1.5 s,
      // not after a list's time limit.
      if (this.stateValue !== 'connected') await this.ping(engine);
      // Subscribe before listing so nothing between the list and the stream start goes unseen.
      if (this.active) this.subscribe(engine);
      let changed: Set<ResourceKind>;
      if (!this.current || kinds.length === ALL_KINDS.length) {
        this.current = await engine.snapshot();
        changed = new Set(ALL_KINDS);
      } else {
        const fetched = await this.fetchLists(engine, kinds, { single: [], drop: new Map() });
        ({ snapshot: this.current, changed } = applyUpdates(this.current, fetched));
      }
      if (this.stream && !this.stream.connected) this.missedEvents = true;
      this.stopPolling();
      const wasConnected = this.stateValue === 'connected';
      this.setState('connected');
      this.fireChange(changed);
      if (!wasConnected && !this.versionValue) void this.fetchVersion(engine);
    } catch (err) {
      this.onFailure(this.toEngineError(err));
    }
  }

  /** Fetch again only what the events name (or a kind's list, when they name many of it) and patch the snapshot. */
  private async applyEvents(events: EngineEvent[], reason: FlushReason = 'leading'): Promise<void> {
    if (this.disposed || !this.active || !this.current || this.stateValue !== 'connected') return;
    const plan = planUpdates(events);
    if (plan.fetch.size === 0 && plan.drop.size === 0 && plan.relist.size === 0) {
      if (this.unshownChanges.size > 0) this.fireChange(new Set());
      return;
    }
    try {
      const engine = await this.engine();
      const singles: Promise<void>[] = [];
      const fetched: FetchedUpdates = { single: [], drop: plan.drop };
      for (const [kind, keys] of plan.fetch) {
        for (const key of keys) singles.push(fetchOne(engine, kind, key).then((value) => { fetched.single.push({ kind, key, value }); }));
      }
      await Promise.all([this.fetchLists(engine, [...plan.relist], fetched), ...singles]);
      if (!this.current || engine !== this.boundEngine) return; // disconnected or switched engines meanwhile
      const { snapshot, changed } = applyUpdates(this.current, fetched);
      this.current = snapshot;
      // A burst's pause, not its end: more events came while fetching. Unless the trees have waited a pace interval
      // for an update, they are redrawn with the next batch (one redraw, not two); what was fetched is kept, not
      // fetched again.
      if (reason === 'trailing' && Date.now() - this.lastEventUpdateAt < this.gate.paceMs && this.gate.pending) {
        for (const kind of changed) this.unshownChanges.add(kind);
        return;
      }
      if (changed.size > 0 || this.unshownChanges.size > 0) {
        this.lastEventUpdateAt = Date.now();
        this.fireChange(changed);
      }
    } catch (err) {
      const error = this.toEngineError(err);
      if (isConnectionError(error)) this.onFailure(error);
      // One object's fetch failed (an API error): list its kind instead, so the change is not lost.
      else void this.enqueue([...new Set([...plan.fetch.keys(), ...plan.drop.keys(), ...plan.relist])]);
    }
  }

  /** Whole lists of the given kinds, into `into`. */
  private async fetchLists(engine: DockerEngine, kinds: readonly ResourceKind[], into: FetchedUpdates): Promise<FetchedUpdates> {
    await Promise.all(kinds.map(async (kind) => {
      if (kind === 'container') into.containers = await engine.listContainers();
      if (kind === 'image') into.images = await engine.listImages();
      if (kind === 'volume') into.volumes = await engine.listVolumes();
      if (kind === 'network') into.networks = await engine.listNetworks();
    }));
    return into;
  }

  private async fetchVersion(engine: DockerEngine): Promise<void> {
    try {
      this.versionValue = (await engine.version()).version;
      this.fireState();
    } catch {
      // Only cosmetic (status bar); the next successful connect tries again.
    }
  }

  private onFailure(error: EngineError): void {
    if (!isConnectionError(error)) {
      // An API error on a list (rare) leaves the last good data in place.
      this.errorValue = error;
      return;
    }
    this.current = undefined; // an empty tree lets the matching viewsWelcome appear
    this.setState(stateOf(error), error);
    this.fireChange(new Set(ALL_KINDS));
    this.startPolling();
  }

  private startPolling(): void {
    if (!this.active || this.pollTimer) return;
    const tick = async () => {
      await this.pingOnce();
      if (this.active && this.stateValue !== 'connected') this.pollTimer = setTimeout(tick, this.reconnectPollMs);
      else this.pollTimer = undefined;
    };
    this.pollTimer = setTimeout(tick, this.reconnectPollMs);
  }

  private stopPolling(): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
  }

  /** One cheap ping; on success reload everything, on failure record which failure it is. */
  private async pingOnce(): Promise<void> {
    if (this.pinging || this.disposed) return;
    this.pinging = true;
    try {
      const engine = await this.engine();
      await this.ping(engine);
      if (this.stateValue !== 'connected' || !this.current) await this.enqueue(ALL_KINDS);
    } catch (err) {
      this.onFailure(this.toEngineError(err));
    } finally {
      this.pinging = false;
    }
  }

  /** A ping; one that fails even with an API status (a proxy answering 502) means the engine is not usable. */
  private async ping(engine: DockerEngine): Promise<void> {
    try {
      await engine.ping();
    } catch (err) {
      const error = this.toEngineError(err);
      throw isConnectionError(error) ? error : toUnreachable(error);
    }
  }

  private toEngineError(err: unknown): EngineError {
    if (err instanceof EngineError) return err;
    if (this.boundEngine) return classifyError(err, this.boundEngine.endpoint);
    const message = err instanceof Error ? err.message : String(err);
    return new EngineError('unreachable', message, undefined, undefined, undefined, { cause: err });
  }

  private setState(state: EngineState, error?: EngineError): void {
    const changed = state !== this.stateValue || error?.code !== this.errorValue?.code;
    this.stateValue = state;
    this.errorValue = error;
    if (changed) this.fireState();
  }

  private fireState(): void {
    for (const listener of [...this.stateListeners]) listener(this.stateValue, this.errorValue);
  }

  private fireChange(kinds: Set<ResourceKind>): void {
    for (const kind of this.unshownChanges) kinds.add(kind);
    this.unshownChanges.clear();
    for (const listener of [...this.changeListeners]) listener(kinds);
  }
}

/** One object as its list shows it; undefined when it is gone. */
function fetchOne(engine: DockerEngine, kind: ResourceKind, key: string): Promise<ContainerSummary | ImageSummary | VolumeSummary | NetworkSummary | undefined> {
  switch (kind) {
    case 'container': return engine.containerSummary(key);
    case 'image': return engine.imageSummary(key);
    case 'volume': return engine.volumeSummary(key);
    case 'network': return engine.networkSummary(key);
  }
}

/** A ping that fails with an API status (e.g. a proxy answering 502) still means the engine is not usable. */
function toUnreachable(error: EngineError): EngineError {
  return new EngineError('unreachable', error.message, error.endpointUrl, error.statusCode, error.engineMessage, { cause: error });
}
