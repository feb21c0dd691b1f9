// Which step of a lesson makes a named object. Read from the steps' own commands (`docker run --name web`, `docker volume
// create data`, `docker build -t app .` …), so a check that finds an object missing can say which step makes it, a
// re-run can remove what the step made before (with the record, by label), and a failed step can name what its
// `needs` steps made and is gone now. Pure: no engine.
import { applyVars } from '../lessons';
import type { Lesson, Step } from '../lessons/schema';
import { normalizeImageRef } from './record';
import { dockerArgLists } from './rewrite';

export type MadeKind = 'container' | 'image' | 'volume' | 'network' | 'service' | 'swarm';

export interface MadeObject {
  kind: MadeKind;
  name: string;
  /** Made only when it does not exist yet (a named volume in `docker run -v data:/path`). */
  implicit?: boolean;
}

/** `docker container run` → `run`, `docker image build` → `build`: the one-word form of each subcommand. */
const ALIASES: Record<string, Record<string, string>> = {
  container: { run: 'run', create: 'create', commit: 'commit' },
  image: { build: 'build', tag: 'tag', pull: 'pull', import: 'import' },
  buildx: { build: 'build' },
  builder: { build: 'build' },
};

/** Global options of the docker CLI that take a value (`docker -H tcp://… run …`). */
const GLOBAL_VALUE_OPTIONS = new Set(['-H', '--host', '-c', '--context', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey']);

/** Options taking a value, per subcommand whose positional arguments name what it makes. */
const VALUE_OPTIONS: Record<string, Set<string>> = {
  'volume create': new Set(['-d', '--driver', '--label', '-o', '--opt', '--name', '--availability', '--group', '--limit-bytes', '--required-bytes', '--scope', '--secret', '--sharing', '--topology-preferred', '--topology-required', '--type']),
  'network create': new Set(['-d', '--driver', '--subnet', '--gateway', '--ip-range', '--label', '-o', '--opt', '--aux-address', '--scope', '--ipam-driver', '--ipam-opt', '--config-from']),
  commit: new Set(['-a', '--author', '-m', '--message', '-c', '--change']),
  pull: new Set(['--platform']),
  import: new Set(['-c', '--change', '-m', '--message', '--platform']),
  tag: new Set(),
};

/** The value of `--flag value` / `--flag=value` / `-f value` at position `i`, or undefined. */
function optionValue(args: (string | undefined)[], i: number, names: readonly string[]): string | undefined {
  const word = args[i];
  if (word === undefined) return undefined;
  for (const name of names) {
    if (word === name) return args[i + 1];
    if (word.startsWith(`${name}=`)) return word.slice(name.length + 1);
  }
  return undefined;
}

/** Positional arguments (options and their values left out); undefined where a word was quoted or expanded. */
function positionals(args: (string | undefined)[], valueOptions: Set<string>): (string | undefined)[] {
  const result: (string | undefined)[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word?.startsWith('-') && word !== '-') {
      if (!word.includes('=') && valueOptions.has(word)) i++;
      continue;
    }
    result.push(word);
  }
  return result;
}

/** A named volume in `-v name:/path` / `--mount source=name,…` (not a host path, not tmpfs/bind). */
function namedVolumes(args: (string | undefined)[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const volume = optionValue(args, i, ['-v', '--volume']);
    if (volume) {
      const source = volume.split(':')[0];
      if (volume.includes(':') && /^[A-Za-z0-9][\w.-]*$/.test(source)) names.push(source);
    }
    const mount = optionValue(args, i, ['--mount']);
    if (mount) {
      const fields = Object.fromEntries(mount.split(',').map((field) => [field.split('=')[0], field.split('=').slice(1).join('=')]));
      const source = fields.source ?? fields.src;
      if ((fields.type ?? 'volume') === 'volume' && source && /^[A-Za-z0-9][\w.-]*$/.test(source)) names.push(source);
    }
  }
  return names;
}

/** What one docker invocation (its arguments after `docker`) makes. */
function madeByInvocation(args: (string | undefined)[]): MadeObject[] {
  let i = 0;
  while (args[i]?.startsWith('-')) i += GLOBAL_VALUE_OPTIONS.has(args[i]!) ? 2 : 1;
  const first = args[i];
  const second = args[i + 1];
  if (!first) return [];
  let command = first;
  let rest = args.slice(i + 1);
  if (ALIASES[first] && second && ALIASES[first][second]) {
    command = ALIASES[first][second];
    rest = args.slice(i + 2);
  } else if ((first === 'volume' || first === 'network' || first === 'service') && second === 'create') {
    command = `${first} create`;
    rest = args.slice(i + 2);
  }
  const made: MadeObject[] = [];
  // The node's swarm: one per engine, so one name.
  if (first === 'swarm' && second === 'init') return [{ kind: 'swarm', name: 'swarm' }];
  switch (command) {
    case 'run':
    case 'create':
      for (let k = 0; k < rest.length; k++) {
        const name = optionValue(rest, k, ['--name']);
        if (name) made.push({ kind: 'container', name });
      }
      for (const name of namedVolumes(rest)) made.push({ kind: 'volume', name, implicit: true });
      break;
    case 'build':
      for (let k = 0; k < rest.length; k++) {
        const tag = optionValue(rest, k, ['-t', '--tag']);
        if (tag) made.push({ kind: 'image', name: normalizeImageRef(tag) });
      }
      break;
    case 'service create':
      for (let k = 0; k < rest.length; k++) {
        const name = optionValue(rest, k, ['--name']);
        if (name) made.push({ kind: 'service', name });
      }
      break;
    case 'volume create':
    case 'network create': {
      const kind = command === 'volume create' ? 'volume' : 'network';
      const named = rest.map((_, k) => optionValue(rest, k, ['--name'])).find((name) => name !== undefined);
      const name = named ?? positionals(rest, VALUE_OPTIONS[command])[0];
      if (name) made.push({ kind, name });
      break;
    }
    case 'tag':
    case 'commit':
    case 'import': {
      const target = positionals(rest, VALUE_OPTIONS[command])[1];
      if (target && target !== '-') made.push({ kind: 'image', name: normalizeImageRef(target) });
      break;
    }
    case 'pull': {
      const ref = positionals(rest, VALUE_OPTIONS.pull)[0];
      if (ref) made.push({ kind: 'image', name: normalizeImageRef(ref) });
      break;
    }
  }
  return made;
}

/** The shell text a step runs: its command; a challenge's setup and reference solution. Edit and explain steps: none. */
export function shellOf(step: Step): string {
  if (step.kind === 'edit' || step.kind === 'explain') return '';
  return step.kind === 'challenge' && step.setup !== undefined ? `${step.setup}\n${step.body}` : step.body;
}

/** The objects a step's command makes, by name, its variables filled in with `values`. Edit and explain steps make none. */
export function objectsMadeBy(step: Step, values: Record<string, string> = {}): MadeObject[] {
  if (step.kind === 'edit' || step.kind === 'explain') return [];
  return dockerArgLists(applyVars(shellOf(step), values)).flatMap(madeByInvocation);
}

/** The form names of `kind` are compared in (image references normalized, `nginx` = `nginx:latest`). */
export function sameObjectName(kind: MadeKind, a: string, b: string): boolean {
  return kind === 'image' ? normalizeImageRef(a) === normalizeImageRef(b) : a === b;
}

function makes(step: Step, object: { kind: MadeKind; name: string }, values: Record<string, string>, explicitOnly: boolean): boolean {
  return objectsMadeBy(step, values).some((made) => made.kind === object.kind && sameObjectName(object.kind, made.name, object.name)
    && !(explicitOnly && made.implicit));
}

/**
 * The step that makes a named object: `current` itself when its command makes it, else the nearest step before it
 * (an explicit `docker volume create` before a `-v name:/path` that would also make it, even when `current` is that
 * `-v` step: it makes the volume only when it is missing), else the first one after it.
 */
export function stepMaking(lesson: Lesson, object: { kind: MadeKind; name: string }, options: { current?: string; values?: Record<string, string> } = {}): Step | undefined {
  const values = options.values ?? {};
  const steps = lesson.steps;
  const index = options.current ? steps.findIndex((step) => step.id === options.current) : steps.length;
  const current = index >= 0 && index < steps.length ? [steps[index]] : [];
  const before = steps.slice(0, Math.max(0, index)).reverse();
  const after = index >= 0 ? steps.slice(index + 1) : [];
  // Explicit makes (`docker volume create`) before makes only-when-missing (`-v name:/path`), the step itself and then
  // earlier steps before later ones; the step's own only-when-missing make still comes before any later step.
  const searchOrder: [readonly Step[], boolean][] = [[current, true], [before, true], [current, false], [after, true], [before, false], [after, false]];
  for (const [candidates, explicitOnly] of searchOrder) {
    const found = candidates.find((step) => makes(step, object, values, explicitOnly));
    if (found) return found;
  }
  return undefined;
}

/** The ids a step's `needs` names. */
export function needsOf(step: Step): string[] {
  return (step.needs ?? '').split(/[\s,]+/).filter(Boolean);
}
