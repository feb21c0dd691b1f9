// When and what the explorer fetches from Docker. vscode-free (visibility is an input) so the timing rules are tested
// in plain Node against the real engine:
// - no Docker I/O while no explorer view is visible;
// - engine events (hints only; their payload is not trusted as data) refresh just the kinds that changed, coalesced
//   over ≤ 100 ms, so a change shows within ~200 ms;
// - a full refresh every 60 s while visible, because event streams drop things eventually (Container Tools does the same);
// - while disconnected, ping every second so the tree comes back within ~2 s of the engine returning.
import type { DockerEngine, Disposable, EngineEventStream } from '../../engine/api';
import { EngineError } from '../../engine/errors';
import { classifyError } from '../../engine';
import type { EngineChange, EngineSnapshot, ResourceKind } from '../../engine/types';
import type { ExplorerView } from './model';

/** Engine state as exposed in the `dockerLessons.engineState` context key. */
export type EngineState = 'unknown' | 'connected' | 'unreachable' | 'permission-denied' | 'bad-host';

/** Returns the current engine (created lazily by the caller; may throw an EngineError such as bad-host). */
export type EngineSource = () => DockerEngine | Promise<DockerEngine>;

export interface ExplorerControllerOptions {
  /** Extra coalescing of event batches before refreshing; with the stream's own 25 ms, bursts merge over ≤ 50 ms. */
  coalesceMs?: number;
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
  private readonly coalesceMs: number;
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

  private pendingKinds = new Set<ResourceKind>();
  private flushTimer: NodeJS.Timeout | undefined;
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
    this.coalesceMs = options.coalesceMs ?? 25;
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
      if (this.flushTimer || this.pinging) {
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
    for (const timer of [this.flushTimer, this.pollTimer]) if (timer) clearTimeout(timer);
    if (this.safetyTimer) clearInterval(this.safetyTimer);
    this.flushTimer = this.pollTimer = this.safetyTimer = undefined;
    this.pendingKinds.clear();
  }

  // ------------------------------------------------------------ events

  private subscribe(engine: DockerEngine): void {
    if (this.stream) return;
    const stream = engine.events({ coalesceMs: 25 });
    this.stream = stream;
    this.missedEvents = !stream.connected;
    this.subscriptions.push(
      stream.onChange((change) => this.onEngineChange(change)),
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

  private onEngineChange(change: EngineChange): void {
    if (!this.active) return;
    for (const kind of change.kinds) this.pendingKinds.add(kind);
    if (this.pendingKinds.size === 0 || this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      const kinds = [...this.pendingKinds];
      this.pendingKinds.clear();
      void this.enqueue(kinds);
    }, this.coalesceMs);
  }

  // ------------------------------------------------------------ fetching

  private enqueue(kinds: readonly ResourceKind[]): Promise<void> {
    this.queued++;
    const run = this.queue.then(() => this.fetch(kinds)).finally(() => { this.queued--; });
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
      // Subscribe before listing so nothing between the list and the stream start goes unseen.
      if (this.active) this.subscribe(engine);
      const changed = new Set<ResourceKind>(kinds);
      if (!this.current || kinds.length === ALL_KINDS.length) {
        this.current = await engine.snapshot();
        ALL_KINDS.forEach((k) => changed.add(k));
      } else {
        const next = { ...this.current, takenAt: Date.now() };
        await Promise.all(kinds.map(async (kind) => {
          if (kind === 'container') next.containers = await engine.listContainers();
          if (kind === 'image') next.images = await engine.listImages();
          if (kind === 'volume') next.volumes = await engine.listVolumes();
          if (kind === 'network') next.networks = await engine.listNetworks();
        }));
        this.current = next;
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
      await engine.ping();
      if (this.stateValue !== 'connected' || !this.current) await this.enqueue(ALL_KINDS);
    } catch (err) {
      const error = this.toEngineError(err);
      this.onFailure(isConnectionError(error) ? error : toUnreachable(error));
    } finally {
      this.pinging = false;
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
    for (const listener of [...this.changeListeners]) listener(kinds);
  }
}

/** A ping that fails with an API status (e.g. a proxy answering 502) still means the engine is not usable. */
function toUnreachable(error: EngineError): EngineError {
  return new EngineError('unreachable', error.message, error.endpointUrl, error.statusCode, error.engineMessage, { cause: error });
}
