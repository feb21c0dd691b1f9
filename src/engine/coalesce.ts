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
