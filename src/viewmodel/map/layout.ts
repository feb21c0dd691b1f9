// The course map's pictures, pure and dependency-free so the page bundle (src/webview/map/) can import it: where each
// chapter's stop goes on the winding path, and how a time spent reads. Unit-tested with the view (courseMap.ts).

/** The words of a duration: `{0}` minutes, `{0}` hours and `{1}` minutes, under a minute (translated by the host). */
export interface DurationLabels {
  none: string;
  underMinute: string;
  minutes: string;
  hours: string;
}

export function formatDuration(ms: number, labels: DurationLabels): string {
  const fill = (text: string, ...args: number[]) => text.replace(/\{(\d+)\}/g, (whole, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : whole));
  if (!(ms > 0)) return labels.none;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return labels.underMinute;
  if (minutes < 60) return fill(labels.minutes, minutes);
  return fill(labels.hours, Math.floor(minutes / 60), minutes % 60);
}

// ------------------------------------------------------------------------------------------------ layout

export interface MapPoint {
  x: number;
  y: number;
  row: number;
  column: number;
}

export interface MapLayout {
  points: MapPoint[];
  /** SVG path data from each point to the next (points.length - 1 of them). */
  segments: string[];
  columns: number;
  width: number;
  height: number;
}

export interface LayoutOptions {
  /** Narrowest room one stop may have (its label wraps within it). */
  minCell?: number;
  maxColumns?: number;
  rowHeight?: number;
  /** Room above the first row and below the last (node and label). */
  top?: number;
  bottom?: number;
  /** How far every other stop sits lower: the path winds instead of running flat. */
  wave?: number;
}

/**
 * A serpentine: rows left to right, then right to left, each row joined to the next by a loop out of the side, stops
 * alternately a little higher and lower. Deterministic, so the page and the tests agree.
 */
export function layoutPath(count: number, width: number, options: LayoutOptions = {}): MapLayout {
  const minCell = options.minCell ?? 130;
  const maxColumns = options.maxColumns ?? 6;
  const rowHeight = options.rowHeight ?? 150;
  const top = options.top ?? 56;
  const bottom = options.bottom ?? 84;
  const wave = options.wave ?? 18;
  // The loops need room at both sides: half a cell each.
  const columns = Math.max(2, Math.min(maxColumns, Math.floor(width / minCell) - 1 || 1, Math.max(count, 2)));
  const cell = width / (columns + 1);
  const points: MapPoint[] = [];
  for (let i = 0; i < count; i++) {
    const row = Math.floor(i / columns);
    const inRow = i % columns;
    const column = row % 2 === 0 ? inRow : columns - 1 - inRow;
    points.push({ x: Math.round(cell * (column + 1)), y: Math.round(top + row * rowHeight + (i % 2 === 1 ? wave : 0)), row, column });
  }
  const segments: string[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    if (a.row === b.row) {
      const mid = (a.x + b.x) / 2;
      segments.push(`M ${a.x} ${a.y} C ${mid} ${a.y} ${mid} ${b.y} ${b.x} ${b.y}`);
    } else {
      // Out of the side the row ends on, round, and back in.
      const out = (a.column === columns - 1 ? 1 : -1) * cell * 0.75;
      segments.push(`M ${a.x} ${a.y} C ${a.x + out} ${a.y} ${b.x + out} ${b.y} ${b.x} ${b.y}`);
    }
  }
  const rows = Math.max(1, Math.ceil(count / columns));
  return { points, segments, columns, width, height: top + (rows - 1) * rowHeight + wave + bottom };
}
