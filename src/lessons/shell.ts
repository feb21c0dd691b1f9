// Shell quoting for values that go into a step's `/bin/sh -c` command. A learner's value must reach docker as exactly
// one argument (or one piece of one), whatever it contains: `;`, `$( )`, backticks, quotes, newlines, globs, spaces.

/** Characters that mean nothing to sh in any quoting context: a value made only of these is left as written. */
const PLAIN = /^[A-Za-z0-9_.,:/@%+=-]+$/;

/** POSIX single quotes: the whole value literal, `'` written as `'\''`. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

type QuoteState = 'none' | 'single' | 'double';

/**
 * The quoting state of sh at each offset of `template`: outside quotes, inside '…' or inside "…" (backslash escapes
 * and `$'…'` are followed well enough for lesson commands; comments are treated as plain text).
 */
function quoteStates(template: string): QuoteState[] {
  const states: QuoteState[] = [];
  let state: QuoteState = 'none';
  for (let i = 0; i < template.length; i++) {
    states[i] = state;
    const ch = template[i];
    if (state === 'single') {
      if (ch === "'") state = 'none';
    } else if (ch === '\\') {
      states[i + 1] = state;
      i++;
    } else if (ch === "'" && state === 'none') {
      state = 'single';
    } else if (ch === '"') {
      state = state === 'double' ? 'none' : 'double';
    }
  }
  states[template.length] = state;
  return states;
}

/** `value` written so that, placed at a spot in this quoting state, sh reads it back unchanged. */
export function quoteFor(state: QuoteState, value: string): string {
  if (PLAIN.test(value)) return value;
  switch (state) {
    // Close the single quotes, add the value quoted, reopen: '…'\''…' style.
    case 'single': return `'${shellQuote(value)}'`;
    // Inside "…" only $ ` " \ are special (and a newline is literal).
    case 'double': return value.replace(/[$`"\\]/g, (ch) => `\\${ch}`);
    default: return shellQuote(value);
  }
}

/**
 * Replace each `{{name}}` of `values` in a shell command, quoted for the spot it stands in, so the value is data to the
 * shell and never code. Unknown names and Go templates (`{{.ID}}`) stay as written.
 */
export function substituteShell(template: string, values: Record<string, string>, pattern: RegExp): string {
  const states = quoteStates(template);
  return template.replace(pattern, (whole: string, name: string, offset: number) =>
    Object.hasOwn(values, name) ? quoteFor(states[offset], values[name]) : whole);
}
