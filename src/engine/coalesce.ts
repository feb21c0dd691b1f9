// Pure event handling for the engine event stream: parse Docker's JSON event lines, decide which lists an event
// invalidates, and coalesce bursts (a `docker run` emits create/attach/connect/start within milliseconds) into one
// EngineChange. Time is injected so tests drive it without real timers.
import type { EngineChange, EngineEvent, ResourceKind } from './types';

export interface Scheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const ALL_KINDS: readonly ResourceKind[] = ['container', 'image', 'volume', 'network'];

/** Docker's raw event JSON (API ≥ 1.22 fields; the legacy `status`/`id`/`from` are used as fallbacks). */
interface RawEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
  status?: string;
  id?: string;
  from?: string;
}

/** Parse one JSON line from GET /events; undefined for blank or malformed lines. */
export function parseEngineEvent(line: string): EngineEvent | undefined {
  const text = line.trim();
  if (!text) return undefined;
  let raw: RawEvent;
  try {
    raw = JSON.parse(text) as RawEvent;
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const type = raw.Type ?? (raw.from !== undefined ? 'container' : undefined);
  const kind: EngineEvent['kind'] = type === 'container' || type === 'image' || type === 'volume' || type === 'network'
    ? type : 'other';
  const attributes: Record<string, string> = { ...(raw.Actor?.Attributes ?? {}) };
  const id = raw.Actor?.ID ?? raw.id ?? '';
  const time = typeof raw.timeNano === 'number' ? Math.floor(raw.timeNano / 1e6)
    : typeof raw.time === 'number' ? raw.time * 1000 : Date.now();
  // Volumes are named by their ID; containers, networks and images carry a `name` attribute.
  const name = attributes.name ?? (kind === 'volume' ? id || undefined : undefined);
  return { kind, action: raw.Action ?? raw.status ?? '', id, name, time, attributes };
}

/** Actions that do not change any list (exec, attach, resize, copy, volume mounts …). */
const QUIET_ACTION = /^(exec_|attach$|detach$|resize$|top$|archive-path$|extract-to-dir$|export$|mount$|unmount$|health_status)/;

/** Which lists this event makes stale. */
export function kindsAffected(event: EngineEvent): ResourceKind[] {
  if (event.kind === 'other' || QUIET_ACTION.test(event.action)) return [];
  // A container joining or leaving a network changes the containers' network column too.
  if (event.kind === 'network' && (event.action === 'connect' || event.action === 'disconnect')) {
    return ['network', 'container'];
  }
  // Creating or removing a container changes which images/volumes are in use.
  if (event.kind === 'container' && (event.action === 'create' || event.action === 'destroy')) {
    return ['container', 'image', 'volume'];
  }
  return [event.kind];
}

/**
 * Collects events and emits one EngineChange per window: the first relevant event opens a window of `windowMs`,
 * everything arriving before it closes joins the same change. A fixed (not sliding) window, so a steady stream
 * still produces updates every `windowMs`.
 */
export class Coalescer {
  private pending: { kinds: Set<ResourceKind>; events: EngineEvent[] } | undefined;
  private timer: unknown;

  constructor(
    private readonly windowMs: number,
    private readonly emit: (change: EngineChange) => void,
    private readonly scheduler: Scheduler = realScheduler,
  ) {}

  push(event: EngineEvent): void {
    const kinds = kindsAffected(event);
    if (kinds.length === 0) return;
    this.add(kinds, [event]);
  }

  /** Mark kinds stale without an event (e.g. after a reconnect, when events may have been missed). */
  invalidate(kinds: readonly ResourceKind[]): void {
    this.add(kinds, []);
  }

  /** Emit what is pending now. */
  flush(): void {
    if (this.timer !== undefined) {
      this.scheduler.clearTimeout(this.timer);
      this.timer = undefined;
    }
    const pending = this.pending;
    this.pending = undefined;
    if (pending) this.emit(pending);
  }

  /** Drop what is pending and cancel the timer. */
  dispose(): void {
    if (this.timer !== undefined) this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }

  private add(kinds: readonly ResourceKind[], events: EngineEvent[]): void {
    this.pending ??= { kinds: new Set(), events: [] };
    for (const kind of kinds) this.pending.kinds.add(kind);
    this.pending.events.push(...events);
    if (this.timer === undefined) {
      this.timer = this.scheduler.setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, this.windowMs);
    }
  }
}

export interface Clock extends Scheduler {
  now(): number;
}

export const realClock: Clock = { ...realScheduler, now: () => Date.now() };

/** How many of a burst's last gaps between items tell how long a silence must be to end it. */
const RECENT_GAPS = 32;

export interface EventGateOptions {
  /** Items let through at once after a quiet period (a `docker run` is create, connect, start). */
  burstCredits?: number;
  /** This long without an item (and half the burst's pace, once it has slowed) ends a burst: the credits come back and the pace starts over. */
  quietMs?: number;
  /**
   * In a burst, pending items are flushed once a silence outlasts the burst's recent gaps between items by half (its
   * trailing edge), but never sooner than settleMs nor later than maxSettleMs after the last one.
   */
  settleMs?: number;
  maxSettleMs?: number;
  /** In a burst, flushes are at least this far apart; it doubles per flush up to maxIntervalMs. */
  minIntervalMs?: number;
  maxIntervalMs?: number;
}

/** Why a batch was let through: the first items of a quiet period, a burst's pause (maybe its end), or its pace. */
export type FlushReason = 'leading' | 'trailing' | 'pace';

/**
 * Leading- and trailing-edge batching for a consumer that updates a model per batch. The first items after a quiet
 * period pass at once, so a learner's `docker run` shows within a few ms. Past those, a burst is collected and flushed
 * on its trailing edge (once it falls silent for longer than its recent gaps and an eighth of its pace: a slow burst
 * pauses longer between items without having ended), and while it goes on at a pace that slows down the longer it
 * lasts (100 ms, doubling up to maxIntervalMs): 1,000 events make a dozen or so updates, not a thousand, and the last
 * of them comes within maxSettleMs of the burst's end. Time is injected so tests drive it without real timers.
 */
export class EventGate<T> {
  private readonly burstCredits: number;
  private readonly quietMs: number;
  private readonly minSettleMs: number;
  private readonly maxSettleMs: number;
  private readonly minIntervalMs: number;
  private readonly maxIntervalMs: number;
  private pendingItems: T[] = [];
  private credits: number;
  /** The last gaps between a burst's items (a ring): the burst has settled once a silence outlasts them. */
  private recentGaps: number[] = [];
  private interval: number;
  private lastItemAt = Number.NEGATIVE_INFINITY;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private timer: unknown;
  private timerDue = 0;

  constructor(
    private readonly emit: (items: T[], reason: FlushReason) => void, options: EventGateOptions = {}, private readonly clock: Clock = realClock,
  ) {
    this.burstCredits = options.burstCredits ?? 4;
    this.quietMs = options.quietMs ?? 1000;
    this.minSettleMs = options.settleMs ?? 100;
    this.maxSettleMs = options.maxSettleMs ?? 600;
    this.minIntervalMs = options.minIntervalMs ?? 100;
    this.maxIntervalMs = options.maxIntervalMs ?? 6400;
    this.credits = this.burstCredits;
    this.interval = this.minIntervalMs;
  }

  /** Items waiting for the trailing edge. */
  get pending(): boolean {
    return this.pendingItems.length > 0;
  }

  /** The burst's current pace: the least time between two of its flushes. */
  get paceMs(): number {
    return this.interval;
  }

  push(item: T): void {
    const now = this.clock.now();
    const gap = now - this.lastItemAt;
    // Quiet means a silence of quietMs, and of half the pace in a burst that has lasted: a long burst's pauses of a
    // second or two (docker stop waiting out a grace period) would otherwise restart its pace and credits each time.
    if (gap >= Math.max(this.quietMs, this.interval / 2)) {
      this.credits = this.burstCredits;
      this.interval = this.minIntervalMs;
      this.recentGaps = [];
    } else {
      this.recentGaps.push(gap);
      if (this.recentGaps.length > RECENT_GAPS) this.recentGaps.shift();
    }
    this.lastItemAt = now;
    this.pendingItems.push(item);
    if (this.credits > 0 && this.timer === undefined) {
      this.credits--;
      this.flush('leading');
      return;
    }
    this.schedule(now);
  }

  /** Emit what is pending now. */
  flush(reason: FlushReason = 'trailing'): void {
    this.cancelTimer();
    if (this.pendingItems.length === 0) return;
    const items = this.pendingItems;
    this.pendingItems = [];
    this.lastFlushAt = this.clock.now();
    this.emit(items, reason);
  }

  dispose(): void {
    this.cancelTimer();
    this.pendingItems = [];
  }

  /**
   * The silence that ends a burst: longer than its recent gaps, and longer the longer it has lasted (an eighth of its
   * pace): a slow burst's pauses (`docker start` of one container after another) are not taken for its end.
   */
  private settleMs(): number {
    return Math.min(Math.max(1.5 * Math.max(0, ...this.recentGaps), this.interval / 8, this.minSettleMs), this.maxSettleMs);
  }

  private schedule(now: number): void {
    const due = Math.max(now, Math.min(this.lastFlushAt + this.interval, this.lastItemAt + this.settleMs()));
    if (this.timer !== undefined && this.timerDue === due) return;
    this.cancelTimer();
    this.timerDue = due;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      const reason = this.clock.now() - this.lastItemAt >= this.settleMs() ? 'trailing' : 'pace';
      this.flush(reason);
      // The longer a burst lasts, the further apart its updates.
      this.interval = Math.min(this.interval * 2, this.maxIntervalMs);
    }, due - now);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** Splits a byte stream into lines (Docker writes one JSON object per line, chunks may split them anywhere). */
export class LineSplitter {
  private rest = '';
  private readonly decoder = new TextDecoder('utf-8');

  push(chunk: Uint8Array | string): string[] {
    this.rest += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const lines = this.rest.split('\n');
    this.rest = lines.pop() ?? '';
    return lines;
  }
}

/** Exponential backoff: initial, doubling, capped. */
export class Backoff {
  private next: number;
  constructor(private readonly initialMs: number, private readonly maxMs: number) {
    this.next = initialMs;
  }
  take(): number {
    const delay = this.next;
    this.next = Math.min(this.next * 2, this.maxMs);
    return delay;
  }
  reset(): void {
    this.next = this.initialMs;
  }
}
