// One shared GET /events connection per Engine: started when the first listener subscribes, stopped when the last
// one leaves (or the Engine is disposed), reconnected with exponential backoff so a restarted daemon is seen within
// about 2 s. Callers get light views; disposing a view removes only its own listeners.
import type { Disposable, EngineEventStream, EventStreamOptions } from './api';
import { ALL_KINDS, Backoff, Coalescer, LineSplitter, parseEngineEvent, realScheduler, type Scheduler } from './coalesce';
import type { EngineError } from './errors';
import type { EngineChange, EngineEvent } from './types';

export interface EventSource {
  /** Open GET /events; resolves with the response body once the engine answered. */
  open(signal: AbortSignal): Promise<NodeJS.ReadableStream>;
  classify(err: unknown): EngineError;
}

type ChangeListener = (change: EngineChange) => void;
type EventListener = (event: EngineEvent) => void;
type ConnectionListener = (connected: boolean, error?: EngineError) => void;

export class SharedEventStream {
  private readonly changeListeners = new Set<ChangeListener>();
  private readonly eventListeners = new Set<EventListener>();
  private readonly connectionListeners = new Set<ConnectionListener>();
  private readonly coalescer: Coalescer;
  private readonly backoff: Backoff;

  private running = false;
  private disposed = false;
  private isConnected = false;
  /** Whether anyone was told about the state yet (the first failure is reported even though we were never up). */
  private reported = false;
  private everConnected = false;
  private abort: AbortController | undefined;
  private body: NodeJS.ReadableStream | undefined;
  private retryTimer: unknown;

  constructor(
    private readonly source: EventSource,
    options: EventStreamOptions = {},
    private readonly scheduler: Scheduler = realScheduler,
  ) {
    this.coalescer = new Coalescer(options.coalesceMs ?? 50, (change) => this.fire(this.changeListeners, change),
      scheduler);
    this.backoff = new Backoff(options.initialBackoffMs ?? 250, options.maxBackoffMs ?? 2000);
  }

  get connected(): boolean {
    return this.isConnected;
  }

  /** A view for one consumer. */
  view(): EngineEventStream {
    const owned: Disposable[] = [];
    const track = (d: Disposable): Disposable => {
      owned.push(d);
      return d;
    };
    const shared = this;
    return {
      onChange: (listener) => track(this.subscribe(this.changeListeners, listener)),
      onEvent: (listener) => track(this.subscribe(this.eventListeners, listener)),
      onConnection: (listener) => track(this.subscribe(this.connectionListeners, listener)),
      get connected() {
        return shared.connected;
      },
      dispose: () => {
        for (const d of owned.splice(0)) d.dispose();
      },
    };
  }

  /** Stop for good (the Engine is going away). */
  dispose(): void {
    this.disposed = true;
    this.changeListeners.clear();
    this.eventListeners.clear();
    this.connectionListeners.clear();
    this.stop();
  }

  private subscribe<L>(set: Set<L>, listener: L): Disposable {
    if (this.disposed) return { dispose: () => undefined };
    set.add(listener);
    this.startIfNeeded();
    return {
      dispose: () => {
        set.delete(listener);
        this.stopIfUnused();
      },
    };
  }

  private listenerCount(): number {
    return this.changeListeners.size + this.eventListeners.size + this.connectionListeners.size;
  }

  private startIfNeeded(): void {
    if (this.running || this.disposed) return;
    this.running = true;
    this.connect();
  }

  private stopIfUnused(): void {
    if (this.listenerCount() === 0) this.stop();
  }

  private stop(): void {
    this.running = false;
    if (this.retryTimer !== undefined) this.scheduler.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.closeConnection();
    this.coalescer.dispose();
    this.isConnected = false;
    this.reported = false;
    this.everConnected = false;
    this.backoff.reset();
  }

  private closeConnection(): void {
    const abort = this.abort;
    const body = this.body;
    this.abort = undefined;
    this.body = undefined;
    abort?.abort();
    if (body) {
      body.removeAllListeners();
      body.on('error', () => undefined); // a late error after destroy must not crash the process
      (body as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    }
  }

  private connect(): void {
    if (!this.running) return;
    const abort = new AbortController();
    this.abort = abort;
    this.source.open(abort.signal).then(
      (body) => {
        if (this.abort !== abort || !this.running) {
          (body as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
          return;
        }
        this.attach(body);
      },
      (err: unknown) => {
        if (this.abort !== abort || !this.running) return;
        this.abort = undefined;
        this.lost(err);
      },
    );
  }

  private attach(body: NodeJS.ReadableStream): void {
    this.body = body;
    this.backoff.reset();
    const reconnected = this.everConnected;
    this.everConnected = true;
    this.setConnected(true);
    // Events may have been missed while we were away: everything is stale.
    if (reconnected) this.coalescer.invalidate(ALL_KINDS);

    const lines = new LineSplitter();
    let ended = false;
    const onEnd = (err?: unknown): void => {
      if (ended || this.body !== body) return;
      ended = true;
      this.closeConnection();
      const error = err ?? Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      this.lost(error);
    };
    body.on('data', (chunk: Buffer | string) => {
      for (const line of lines.push(chunk)) {
        const event = parseEngineEvent(line);
        if (!event) continue;
        this.fire(this.eventListeners, event);
        this.coalescer.push(event);
      }
    });
    body.on('end', () => onEnd());
    body.on('close', () => onEnd());
    body.on('error', (err: unknown) => onEnd(err));
  }

  private lost(err: unknown): void {
    if (!this.running) return;
    const error = this.source.classify(err);
    if (this.isConnected || !this.reported) this.setConnected(false, error);
    const delay = this.backoff.take();
    this.retryTimer = this.scheduler.setTimeout(() => {
      this.retryTimer = undefined;
      this.connect();
    }, delay);
  }

  private setConnected(connected: boolean, error?: EngineError): void {
    this.isConnected = connected;
    this.reported = true;
    for (const listener of [...this.connectionListeners]) {
      try {
        listener(connected, error);
      } catch {
        // one faulty listener must not break the stream for the others
      }
    }
  }

  private fire<T>(set: Set<(value: T) => void>, value: T): void {
    for (const listener of [...set]) {
      try {
        listener(value);
      } catch {
        // see setConnected
      }
    }
  }
}
