// The explorer shows ages relative to now ("5 seconds ago", model.ts relativeAge): they must advance while a view is on
// screen. How often a view is redrawn for that (from the snapshot it has: no Docker I/O) follows its youngest object,
// whose wording changes fastest. vscode-free, so it is unit-tested.

/**
 * Milliseconds until the view's ages should be redrawn, or undefined when nothing in it has an age. Seconds-old objects
 * every 5 s (a redraw per second would be noise), minutes-old ones every 30 s, older ones every 5 minutes.
 */
export function ageRefreshDelay(createdSeconds: readonly number[], now = Date.now()): number | undefined {
  if (createdSeconds.length === 0) return undefined;
  const youngest = Math.max(0, now / 1000 - createdSeconds.reduce((a, b) => Math.max(a, b)));
  if (youngest < 60) return 5_000;
  if (youngest < 3600) return 30_000;
  return 300_000;
}
