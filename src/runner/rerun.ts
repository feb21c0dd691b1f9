// Running a step again, and a step whose prerequisites are gone. Before a step runs, what the same step made last time
// goes (the record per step, and objects carrying the lesson label under a name the step makes) and the working
// folder's shipped files it changed, or that later steps changed and it uses, are put back; a whole-lesson run starts
// from the lesson's clean state. After a step fails, what it needs and is gone is named, with the steps to run again.
import { capitalize } from '../checks/describe';
import { Lookup } from '../checks/lookup';
import type { CheckResult } from '../checks/types';
import { isEngineError } from '../engine/errors';
import { t } from '../i18n';
import { applyVars } from '../lessons';
import { stepNumbers } from '../lessons/numbering';
import type { Lesson, Step } from '../lessons/schema';
import { type MadeKind, type MadeObject, needsOf, objectsMadeBy, sameObjectName, shellOf, stepMaking } from './makers';
import { mergeRecords, normalizeImageRef, takeSnapshot, type EngineState } from './record';
import { describeResetItem, notRemoved, planReset, planStepRemoval, removePlanned, type ResetItem } from './reset';
import { dockerArgLists } from './rewrite';
import type { RunnerContext } from './runner';
import type { CreatedObject } from './types';
import { changedShipped, hashShipped, lessonWorkDir, restoreShipped, shippedFiles } from './workdir';

type Values = Record<string, string>;

const indexOf = (lesson: Lesson, stepId: string) => lesson.steps.findIndex((step) => step.id === stepId);
/** The number a step carries wherever it is shown ("step 4"). */
const numberOf = (lesson: Lesson, step: Step) => String(stepNumbers(lesson.steps).get(step.id) ?? '');

/** "Container web", "数据卷 data" … (to start a sentence). */
export function describeObject(kind: MadeKind, name: string): string {
  if (kind === 'swarm') return t('Swarm mode');
  return capitalize(describeResetItem({ kind: kind === 'image' ? 'image-tag' : kind, name, reason: 'recorded' }));
}

export interface UndoOptions {
  /** The run starts at the lesson's first step: everything the lesson made goes, as a reset would remove it. */
  wholeLesson?: boolean;
  /** The engine as the caller just saw it (a step's recorder looks anyway): no snapshot of its own. */
  state?: EngineState;
}

/**
 * Before `steps` run again: remove what they made last time, put back the working folder's files they (or later steps)
 * changed. A whole-lesson run keeps the working folder, with its shipped files as shipped. Returns what was removed.
 */
export interface Undone {
  removed: ResetItem[];
  /** Services whose definition was put back as it was before the steps changed it (ids). */
  restored: string[];
}

export async function undoSteps(lesson: Lesson, steps: readonly Step[], ctx: RunnerContext, values: Values, options: UndoOptions = {}): Promise<Undone> {
  if (steps.length === 0) return { removed: [], restored: [] };
  const ids = new Set(steps.map((step) => step.id));
  const recorded = ctx.store ? await ctx.store.load(lesson.meta.id) : [];
  const ofSteps = recorded.filter((object) => ids.has(object.stepId) && object.kind !== 'file');
  const made = steps.flatMap((step) => objectsMadeBy(step, values)).filter((object) => !object.implicit && object.kind !== 'image');
  let failed: ResetItem[] = [];
  let removed: ResetItem[] = [];
  // Without a snapshot at hand, one inspect per name is cheaper than the one a plan takes: a step that runs the first
  // time has nothing to remove.
  const maybeThere = options.wholeLesson || options.state !== undefined || ofSteps.some((object) => object.kind !== 'image')
    || (await Promise.all(made.map((object) => exists(new Lookup(ctx.engine), object)))).some(Boolean);
  if (maybeThere) {
    const planned = options.wholeLesson ? await planReset(lesson, ctx.engine, recorded)
      : await planStepRemoval(lesson, ctx.engine, ofSteps, made, options.state);
    if (planned.length > 0) {
      const list = planned.map(describeResetItem).join(', ');
      ctx.sink?.info(options.wholeLesson ? t('Removing what the lesson made when it ran before: {0}', list) : t('Removing what the step made when it ran before: {0}', list));
      const result = await removePlanned(ctx.engine, planned);
      failed = result.failed.map((f) => f.item);
      removed = result.removed;
      for (const { item, error } of result.failed) ctx.sink?.info(t('Could not remove {0}: {1}', describeResetItem(item), error));
    }
  }
  const first = Math.min(...steps.map((step) => indexOf(lesson, step.id)));
  const restored = options.wholeLesson ? [] : await restoreServices(lesson, recorded.filter((object) => ids.has(object.stepId)), ctx);
  const restoredFiles = restoreFiles(lesson, steps, recorded, first, ctx, options.wholeLesson ?? false);
  if (!ctx.store) return { removed, restored };
  // A service's earlier definition stays on record (the step may run again before it changes the service again).
  const undone = (object: CreatedObject) => object.kind === 'file'
    ? restoredFiles.has(object.name) && indexOf(lesson, object.stepId) >= first
    : options.wholeLesson || (ids.has(object.stepId) && object.kind !== 'image' && object.kind !== 'service-spec');
  const kept = recorded.filter((object) => !undone(object));
  const stillThere = notRemoved(recorded.filter(undone).filter((object) => object.kind !== 'file' && object.kind !== 'service-spec'), failed);
  if (kept.length + stillThere.length !== recorded.length) await ctx.store.save(lesson.meta.id, [...kept, ...stillThere]);
  return { removed, restored };
}

/**
 * Put back the definition of each service the steps changed (`docker service update`, `scale`, `rollback`), as it was
 * before the first of them changed it: run again, an update is an update of the same service, and a rollback returns to
 * what that update replaced. A service made anew since (another id) or removed is left alone. Returns the ids put back.
 */
async function restoreServices(lesson: Lesson, recorded: readonly CreatedObject[], ctx: RunnerContext): Promise<string[]> {
  const earliest = new Map<string, CreatedObject>();
  for (const object of recorded) {
    if (object.kind !== 'service-spec' || !object.id || !object.spec) continue;
    const known = earliest.get(object.id);
    if (!known || indexOf(lesson, object.stepId) < indexOf(lesson, known.stepId)) earliest.set(object.id, object);
  }
  const restored: string[] = [];
  for (const [id, { name, spec }] of earliest) {
    try {
      const current = await ctx.engine.inspectService(id);
      const version = current.Version?.Index;
      if (version === undefined || JSON.stringify(current.Spec) === JSON.stringify(spec)) continue;
      await ctx.engine.updateService(id, version, spec!);
      ctx.sink?.info(t('Put back service {0} as it was before the step changed it.', name));
      restored.push(id);
    } catch (error) {
      if (!(isEngineError(error) && error.code === 'not-found')) {
        ctx.sink?.info(t('Could not put back service {0}: {1}', name, error instanceof Error ? error.message : String(error)));
      }
    }
  }
  return restored;
}

/** The engine state without what was just removed (what the step then makes again under the same name is new). */
export function withoutRemoved(state: EngineState, removed: readonly ResetItem[]): EngineState {
  const next: EngineState = {
    ...state, containers: new Map(state.containers), volumes: new Map(state.volumes), networks: new Map(state.networks),
    services: new Map(state.services), swarmObjects: new Map(state.swarmObjects),
  };
  for (const item of removed) {
    if (item.kind === 'container') next.containers.delete(item.id ?? '');
    if (item.kind === 'volume') next.volumes.delete(item.name);
    if (item.kind === 'network') next.networks.delete(item.id ?? '');
    if (item.kind === 'service') next.services.delete(item.id ?? '');
    if (item.kind === 'secret' || item.kind === 'config') next.swarmObjects.delete(item.id ?? '');
    if (item.kind === 'swarm') next.swarm = 'inactive';
  }
  return next;
}

/**
 * Put back shipped files. A whole-lesson run starts from the shipped state: all of them. A step run again: those it or a
 * later step changed (recorded with the hash the runner left them with; a copy the learner changed since stays), and
 * the file of a later edit step that it uses (the learner's edit belongs to that later step). A file an earlier step
 * changed stays as it is: the step may build on it. Returns the paths put back or found as shipped
 * (a learner's copy kept is not).
 */
function restoreFiles(lesson: Lesson, steps: readonly Step[], recorded: readonly CreatedObject[], first: number, ctx: RunnerContext, wholeLesson: boolean): Set<string> {
  const shipped = shippedFiles(lesson);
  if (shipped.length === 0) return new Set();
  const workDir = lessonWorkDir(ctx.workRoot, lesson.meta.id);
  const left = new Map<string, string[] | 'any'>();
  const earlier = new Set<string>();
  if (wholeLesson) {
    for (const file of shipped) left.set(file, 'any');
  } else {
    for (const object of recorded) {
      if (object.kind !== 'file') continue;
      if (indexOf(lesson, object.stepId) < first) earlier.add(object.name);
      else {
        const hashes = left.get(object.name);
        left.set(object.name, hashes === 'any' ? hashes : [...(hashes ?? []), object.id ?? '']);
      }
    }
    lesson.steps.forEach((step, index) => {
      if (step.kind !== 'edit' || !step.file) return;
      if (index < first) earlier.add(step.file);
      else if (steps.some((s) => s !== step && usesPath(s, step.file!))) left.set(step.file, 'any');
    });
  }
  const dealt = new Set<string>();
  for (const [file, hashes] of left) {
    if (earlier.has(file) || !shipped.includes(file)) continue;
    const result = restoreShipped(lesson, workDir, file, hashes);
    if (result === 'restored') ctx.sink?.info(t('Put back {0} as the lesson ships it.', file));
    if (result === 'kept-learner-file') ctx.sink?.info(t('Kept your changes in {0} (not overwritten).', file));
    else dealt.add(file);
  }
  return dealt;
}

/** The step's command or checks name `file` or a folder it is in (`"$PWD"/webapp` uses webapp/index.html). */
export function usesPath(step: Step, file: string): boolean {
  const parts = file.split(/[\\/]/);
  const shell = shellOf(step) || step.body;
  const text = `${shell}\n${step.checksSource ?? ''}`;
  for (let n = parts.length; n >= 1; n--) {
    const prefix = parts.slice(0, n).join('/').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`(^|[\\s/"'=:,(])${prefix}($|[\\s/"':,)])`).test(text)) return true;
  }
  // Compose reads its files from the working folder; `docker build … .` sends all of it.
  return /\bdocker(-compose|\s+compose)\b/.test(shell) || /\bdocker\b[^\n]*\bbuild\b[^\n]*\s\.(\s|$)/m.test(shell);
}

/** Hash the shipped files' working copies (before a step runs), to record what it changes. */
export function shippedState(lesson: Lesson, ctx: RunnerContext): Map<string, string> {
  return hashShipped(lesson, lessonWorkDir(ctx.workRoot, lesson.meta.id));
}

/** The shipped files a step changed, as record entries (the hash it left them with). */
export function changedFiles(lesson: Lesson, step: Step, before: ReadonlyMap<string, string>, ctx: RunnerContext): CreatedObject[] {
  return changedShipped(before, shippedState(lesson, ctx)).map((change) => ({ kind: 'file', name: change.path, id: change.hash, stepId: step.id }));
}

// ------------------------------------------------------------------------------------------------ what a step needs

/** Words of a step's checks that may name an object (a container in a network check, a volume …). */
function checkWords(step: Step, values: Values): string[] {
  return applyVars(step.checksSource ?? '', values).split(/[\s,:[\]{}"'=]+/).filter(Boolean);
}

/**
 * Objects a step works on that other steps make: named in its commands or its checks (containers, volumes, networks,
 * services), or made by the steps it `needs`.
 */
export function inputsOf(lesson: Lesson, step: Step, values: Values, options: { viaNeeds?: boolean } = {}): MadeObject[] {
  // Only what the step makes for sure is its own: `-v data:/path` makes the volume only when no earlier step did, so a
  // volume an earlier step created is something this one works on (and what a later step wrote into it stays in it).
  const ownMade = objectsMadeBy(step, values).filter((made) => !made.implicit);
  const candidates = new Map<string, MadeObject>();
  for (const other of lesson.steps) {
    if (other === step) continue;
    for (const object of objectsMadeBy(other, values)) candidates.set(`${object.kind}\u0000${object.name}`, { kind: object.kind, name: object.name });
  }
  const words = step.kind === 'edit' || step.kind === 'explain' ? [] : dockerArgLists(applyVars(shellOf(step), values)).flat()
    .filter((word): word is string => word !== undefined)
    .flatMap((word) => [word, word.split('=').slice(1).join('='), word.split(':')[0], word.split('=').slice(1).join('=').split(':')[0]])
    .filter(Boolean);
  const inChecks = new Set(checkWords(step, values));
  const inputs = new Map<string, MadeObject>();
  for (const [key, object] of candidates) {
    if (ownMade.some((made) => made.kind === object.kind && sameObjectName(object.kind, made.name, object.name))) continue;
    if (words.some((word) => sameObjectName(object.kind, word, object.name))
      || (object.kind !== 'image' && inChecks.has(object.name))) inputs.set(key, object);
  }
  if (options.viaNeeds === false) return [...inputs.values()];
  const byId = new Map(lesson.steps.map((s) => [s.id, s]));
  for (const id of needsOf(step)) {
    for (const object of objectsMadeBy(byId.get(id) ?? step, values)) {
      if (byId.has(id) && !object.implicit) inputs.set(`${object.kind}\u0000${object.name}`, { kind: object.kind, name: object.name });
    }
  }
  return [...inputs.values()];
}

async function exists(lookup: Lookup, object: { kind: MadeKind; name: string }): Promise<boolean> {
  try {
    switch (object.kind) {
      case 'container': return (await lookup.container(object.name)) !== undefined;
      case 'image': return (await lookup.image(object.name)) !== undefined;
      case 'volume': return (await lookup.volume(object.name)) !== undefined;
      case 'network': return (await lookup.network(object.name)) !== undefined;
      case 'service': return (await lookup.service(object.name)) !== undefined;
      case 'swarm': return (await lookup.info()).swarm === 'active';
    }
  } catch {
    return true; // the engine could not say (a service outside swarm mode …): not reported as gone
  }
}

export interface Prerequisites {
  /** What the step needs and is gone, each with the step that makes it. */
  gone: { object: MadeObject; maker: Step }[];
  /** Step ids to run again before the step, in lesson order. */
  redo: string[];
}

/** The earlier step that makes `object` for `step` (not `step` itself, not a step after it, not an explain step). */
function earlierMaker(lesson: Lesson, step: Step, object: { kind: MadeKind; name: string }, values: Values): Step | undefined {
  const maker = stepMaking(lesson, object, { current: step.id, values });
  return maker && maker !== step && maker.kind !== 'explain' && indexOf(lesson, maker.id) < indexOf(lesson, step.id) ? maker : undefined;
}

/**
 * The steps to run again before `step`: what it needs and the steps that make what it works on, and so on for those.
 * Without `present` (what of the lesson's objects exists now), all of them. With it: every step making something `step`
 * itself works on (what is there may be in the wrong state: a container the step's first run paused), and each step it
 * needs unless that step makes something and all of it is there (the swarm `swarm init` made stays: making it anew
 * would take every service, secret and network with it); further back, a step only when something it makes is gone or
 * it rests on a step that runs again. What is there stays, as running its maker again would make it anew (a
 * re-imported image is another image, and what was pushed or built from the old one no longer matches). A destructive
 * step on the way does not need its targets (`docker rm -f` of what is gone is fine): what makes them is left out. In
 * lesson order.
 */
export interface EngineNow {
  /** The named object exists. */
  present(object: MadeObject): boolean;
  /** Something the step made when it ran (per the record: a compose project's containers, a loaded image …) is gone. */
  lost?(stepId: string): boolean;
  /** The record has objects of the step: it is known to make something even when its command names nothing. */
  recorded?(stepId: string): boolean;
}

export function redoChain(lesson: Lesson, step: Step, values: Values, now?: EngineNow): string[] {
  const byId = new Map(lesson.steps.map((s) => [s.id, s]));
  const usable = (dependency: Step | undefined): dependency is Step => dependency !== undefined && dependency !== step && dependency.kind !== 'explain';
  const dependencies = new Map<string, { needed: Step[]; makers: Step[] }>();
  const dependenciesOf = (current: Step) => {
    let found = dependencies.get(current.id);
    if (!found) {
      // What the steps it needs make counts as theirs (`needed`), not as objects it works on.
      const inputs = current === step || current.kind !== 'destructive' ? inputsOf(lesson, current, values, { viaNeeds: false }) : [];
      found = {
        needed: needsOf(current).map((id) => byId.get(id)).filter(usable),
        makers: inputs.map((object) => earlierMaker(lesson, current, object, values)).filter(usable),
      };
      dependencies.set(current.id, found);
    }
    return found;
  };
  const all = (current: Step) => [...dependenciesOf(current).needed, ...dependenciesOf(current).makers];
  const further = new Set<string>();
  const queue = [step];
  while (queue.length > 0) {
    for (const dependency of all(queue.pop()!)) {
      if (further.has(dependency.id)) continue;
      further.add(dependency.id);
      queue.push(dependency);
    }
  }
  const inOrder = (ids: Set<string>) => lesson.steps.filter((s) => ids.has(s.id)).map((s) => s.id);
  if (!now) return inOrder(further);

  const chain = new Set(dependenciesOf(step).makers.map((maker) => maker.id));
  const needed = new Set(dependenciesOf(step).needed.map((dependency) => dependency.id));
  // In lesson order: what a step rests on comes before it, so one pass sees every step that runs again before it.
  for (const candidate of lesson.steps) {
    if (!further.has(candidate.id) || chain.has(candidate.id)) continue;
    const made = objectsMadeBy(candidate, values).filter((object) => !object.implicit);
    const makesKnown = made.length > 0 || (now.recorded?.(candidate.id) ?? false);
    if (made.some((object) => !now.present(object)) || (now.lost?.(candidate.id) ?? false)
      || all(candidate).some((dependency) => chain.has(dependency.id)) || (needed.has(candidate.id) && !makesKnown)) chain.add(candidate.id);
  }
  return inOrder(chain);
}

/**
 * The later steps whose result rests on what `ran` made or changed: those that need it (`needs`), or work on an object
 * it makes, and so on for those (what they make goes with it). Running `ran` again takes back what it made before and
 * makes it anew, so their last verdicts describe objects that are gone. In lesson order.
 */
export function dependentSteps(lesson: Lesson, ran: readonly string[], values: Values): string[] {
  const dependents = new Map<string, Set<string>>();
  for (const step of lesson.steps) {
    if (step.kind === 'explain') continue;
    const on = [...needsOf(step), ...inputsOf(lesson, step, values).map((object) => earlierMaker(lesson, step, object, values)?.id)];
    for (const id of on) if (id && id !== step.id) dependents.set(id, (dependents.get(id) ?? new Set()).add(step.id));
  }
  const found = new Set<string>();
  const queue = [...ran];
  while (queue.length > 0) {
    for (const id of dependents.get(queue.pop()!) ?? []) {
      if (found.has(id) || ran.includes(id)) continue;
      found.add(id);
      queue.push(id);
    }
  }
  const first = Math.min(...ran.map((id) => indexOf(lesson, id)).filter((index) => index >= 0));
  return lesson.steps.filter((step, index) => found.has(step.id) && index > first).map((step) => step.id);
}

/** After a step failed: which of its inputs are gone, and the steps to run again first. */
export async function missingPrerequisites(lesson: Lesson, step: Step, ctx: RunnerContext, values: Values, checks: readonly CheckResult[] = []): Promise<Prerequisites> {
  const lookup = new Lookup(ctx.engine);
  const gone: Prerequisites['gone'] = [];
  const consider = [...inputsOf(lesson, step, values), ...checks.flatMap((check) => (check.missing ? [check.missing] : []))];
  const seen = new Set<string>();
  for (const object of consider) {
    const key = `${object.kind}\u0000${object.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const maker = earlierMaker(lesson, step, object, values);
    if (maker && !(await exists(lookup, object))) gone.push({ object, maker });
  }
  return { gone, redo: redoChain(lesson, step, values, await engineNow(lesson, step, ctx, lookup, values)) };
}

/** What of the lesson's objects exists now: those the steps before `step` name, and what the record says each made. */
async function engineNow(lesson: Lesson, step: Step, ctx: RunnerContext, lookup: Lookup, values: Values): Promise<EngineNow> {
  const [present, record] = await Promise.all([presentObjects(lesson, step, lookup, values), recordedNow(lesson, ctx)]);
  return { present, ...record };
}

/** Per step, whether the record has objects of it, and whether one of them is gone. */
async function recordedNow(lesson: Lesson, ctx: RunnerContext): Promise<Pick<EngineNow, 'lost' | 'recorded'>> {
  const recorded = (ctx.store ? await ctx.store.load(lesson.meta.id) : [])
    .filter((object) => object.kind !== 'file' && object.kind !== 'service-spec');
  if (recorded.length === 0) return {};
  const state = await takeSnapshot(ctx.engine);
  const tags = new Set([...state.images.values()].flatMap((image) => image.tags));
  const there = (object: CreatedObject): boolean => {
    switch (object.kind) {
      case 'container': return state.containers.has(object.id ?? '');
      case 'network': return state.networks.has(object.id ?? '');
      case 'volume': return state.volumes.has(object.name);
      // By its name where it has one: made again under it (`docker load` on the containerd store gives another id) is there.
      case 'image': return object.id && object.name === object.id ? state.images.has(object.id) : tags.has(normalizeImageRef(object.name));
      case 'service': return state.services.has(object.id ?? '');
      case 'secret': case 'config': return state.swarmObjects.has(object.id ?? '');
      case 'swarm': return state.swarm !== 'inactive';
      default: return true;
    }
  };
  const steps = new Set(recorded.map((object) => object.stepId));
  const lost = new Set(recorded.filter((object) => !there(object)).map((object) => object.stepId));
  return { lost: (id) => lost.has(id), recorded: (id) => steps.has(id) };
}

/** Which of the objects the steps before `step` make exist now (one look each, side by side). */
async function presentObjects(lesson: Lesson, step: Step, lookup: Lookup, values: Values): Promise<(object: MadeObject) => boolean> {
  const key = (object: MadeObject) => `${object.kind}\u0000${object.kind === 'image' ? normalizeImageRef(object.name) : object.name}`;
  const objects = new Map<string, MadeObject>();
  for (const earlier of lesson.steps.slice(0, Math.max(0, indexOf(lesson, step.id)))) {
    for (const object of objectsMadeBy(earlier, values)) if (!object.implicit) objects.set(key(object), object);
  }
  const found = await Promise.all([...objects].map(async ([k, object]) => [k, await exists(lookup, object)] as const));
  const present = new Set(found.filter(([, there]) => there).map(([k]) => k));
  return (object) => present.has(key(object));
}

/** The message for a step whose prerequisites are gone. */
export function prerequisitesMessage(lesson: Lesson, prerequisites: Prerequisites): string | undefined {
  if (prerequisites.gone.length === 0) return undefined;
  const lines = prerequisites.gone.map(({ object, maker }) =>
    t('{0} does not exist any more: step {1} "{2}" makes it.', describeObject(object.kind, object.name), numberOf(lesson, maker), maker.title));
  return [t('What this step needs is gone.'), ...lines].join('\n');
}

/** A failed check whose object is missing names the step that makes it (and the hint says to run that step). */
export function withMakers(lesson: Lesson, step: Step, checks: readonly CheckResult[], values: Values): CheckResult[] {
  return checks.map((check) => {
    if (check.pass || !check.missing) return check;
    const maker = stepMaking(lesson, check.missing, { current: step.id, values });
    const what = describeObject(check.missing.kind, check.missing.name);
    if (!maker || maker.kind === 'explain') return check;
    // A challenge's objects are the learner's to make (checkStep gave the hint for that).
    if (maker === step && step.kind === 'challenge') return check;
    if (maker === step) return { ...check, hint: t('{0} does not exist: this step makes it, but its command did not. See the command\'s output.', what) };
    return {
      ...check,
      hint: t('{0} does not exist: step {1} "{2}" makes it. Run that step first.', what, numberOf(lesson, maker), maker.title),
      madeBy: { stepId: maker.id, title: maker.title },
    };
  });
}

/** Containers a step relies on: those it makes and those the steps it needs make (HTTP checks fail at once without them). */
export function stepContainers(lesson: Lesson, step: Step, values: Values): string[] {
  const byId = new Map(lesson.steps.map((s) => [s.id, s]));
  const steps = [step, ...needsOf(step).map((id) => byId.get(id)).filter((s): s is Step => s !== undefined)];
  return [...new Set(steps.flatMap((s) => objectsMadeBy(s, values)).filter((object) => object.kind === 'container').map((object) => object.name))];
}

/**
 * A challenge is done in the learner's own terminal: what they make carries no lesson label and no recorder saw it. When
 * it is checked, the containers, volumes, networks and services the challenge names (its setup and reference solution
 * make them) that exist now are recorded as the challenge's, so starting it again and resetting the lesson remove them
 * like any step's objects. Images are left out: a learner's `docker pull` of a stand-in must never be removed.
 * Returns what was recorded.
 */
export async function adoptChallengeObjects(lesson: Lesson, step: Step, ctx: RunnerContext, values: Values): Promise<CreatedObject[]> {
  if (step.kind !== 'challenge' || !ctx.store) return [];
  const named = objectsMadeBy(step, values).filter((object) => !object.implicit && object.kind !== 'image');
  if (named.length === 0) return [];
  const state = await takeSnapshot(ctx.engine);
  const adopted: CreatedObject[] = [];
  const byName = <T extends { name: string }>(entries: Map<string, T>, kind: CreatedObject['kind'], keyIsName = false) => {
    for (const [key, entry] of entries) {
      if (named.some((object) => object.kind === kind && object.name === entry.name)) {
        adopted.push({ kind, name: entry.name, ...(keyIsName ? {} : { id: key }), stepId: step.id });
      }
    }
  };
  byName(state.containers, 'container');
  byName(state.networks, 'network');
  byName(state.services, 'service');
  for (const [name] of state.volumes) {
    if (named.some((object) => object.kind === 'volume' && object.name === name)) adopted.push({ kind: 'volume', name, stepId: step.id });
  }
  if (adopted.length > 0) await ctx.store.save(lesson.meta.id, mergeRecords(await ctx.store.load(lesson.meta.id), adopted));
  return adopted;
}
