// The learner's engine as a lesson sees it: engine version, which builder `docker build` uses, which image store holds
// images, and whether `docker compose` (v2) exists. Checks that differ between engines carry `when:` and are matched
// against this profile; the outcome names the variant that applied.
import type { DockerEngine } from '../engine/api';
import { t } from '../i18n';
import type { CheckCondition } from '../lessons/schema';
import { runShell } from './process';

export interface EngineProfile {
  /** Server version as the engine reports it, e.g. "26.1.5+dfsg1". */
  version: string;
  /** major.minor as numbers, for `engine: ">=25"` conditions. */
  major: number;
  minor: number;
  builder: 'buildkit' | 'legacy';
  imageStore: 'containerd' | 'graphdriver';
  /** Storage driver as reported (overlay2, overlayfs, vfs …). */
  driver: string;
  /** `docker compose` (the v2 plugin) answers. */
  composeV2: boolean;
}

const PROBE_TIMEOUT_MS = 8000;
const CACHE_MS = 60_000;
const cache = new WeakMap<DockerEngine, { key: string; at: number; profile: Promise<EngineProfile> }>();

/**
 * Which builder `docker build` uses with this environment. DOCKER_BUILDKIT decides when set; otherwise clients from
 * 23.0 on use BuildKit when the buildx plugin is installed and fall back to the (deprecated) legacy builder without it.
 */
export function builderFor(env: NodeJS.ProcessEnv, buildxAvailable: boolean): EngineProfile['builder'] {
  const forced = env.DOCKER_BUILDKIT?.trim().toLowerCase();
  if (forced !== undefined && forced !== '') return forced === '0' || forced === 'false' ? 'legacy' : 'buildkit';
  return buildxAvailable ? 'buildkit' : 'legacy';
}

export function parseEngineVersion(version: string): { major: number; minor: number } {
  const match = /^(\d+)\.(\d+)/.exec(version);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : { major: 0, minor: 0 };
}

async function probe(command: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const result = await runShell(command, { env, cwd: process.cwd(), timeoutMs: PROBE_TIMEOUT_MS });
  return !result.spawnError && result.exitCode === 0;
}

async function detect(engine: DockerEngine, env: NodeJS.ProcessEnv): Promise<EngineProfile> {
  const [info, buildx, compose] = await Promise.all([
    engine.info(),
    probe('docker buildx version', env),
    probe('docker compose version', env),
  ]);
  return {
    version: info.serverVersion,
    ...parseEngineVersion(info.serverVersion),
    builder: builderFor(env, buildx),
    imageStore: info.imageStore,
    driver: info.driver,
    composeV2: compose,
  };
}

/** The profile of `engine` with the step environment `env` (cached a minute: a learner may install buildx meanwhile). */
export function engineProfile(engine: DockerEngine, env: NodeJS.ProcessEnv): Promise<EngineProfile> {
  const key = `${env.DOCKER_BUILDKIT ?? ''}|${env.DOCKER_CONFIG ?? ''}|${env.PATH ?? ''}`;
  const hit = cache.get(engine);
  if (hit && hit.key === key && Date.now() - hit.at < CACHE_MS) return hit.profile;
  const profile = detect(engine, env);
  cache.set(engine, { key, at: Date.now(), profile });
  profile.catch(() => cache.delete(engine));
  return profile;
}

/** `>=25`, `<25`, `>=23.0`, `25`: compares major.minor. */
export function engineVersionMatches(range: string, profile: Pick<EngineProfile, 'major' | 'minor'>): boolean {
  const match = /^\s*(>=|<=|>|<|=)?\s*(\d+)(?:\.(\d+))?\s*$/.exec(range);
  if (!match) return false;
  const want = Number(match[2]) * 1000 + Number(match[3] ?? 0);
  const have = profile.major * 1000 + profile.minor;
  switch (match[1] ?? '=') {
    case '>=': return have >= want;
    case '<=': return have <= want;
    case '>': return have > want;
    case '<': return have < want;
    default: return match[3] === undefined ? profile.major === Number(match[2]) : have === want;
  }
}

/** Every field of the condition holds for this engine. */
export function conditionHolds(when: CheckCondition, profile: EngineProfile): boolean {
  if (when.builder !== undefined && when.builder !== profile.builder) return false;
  if (when.imageStore !== undefined && when.imageStore !== profile.imageStore) return false;
  if (when.engine !== undefined && !engineVersionMatches(when.engine, profile)) return false;
  return true;
}

/** "Engine 26.1 · BuildKit · containerd image store", in the UI language. */
export function describeProfile(profile: EngineProfile): string {
  return [
    t('Engine {0}', `${profile.major}.${profile.minor}`),
    profile.builder === 'buildkit' ? 'BuildKit' : t('legacy builder'),
    profile.imageStore === 'containerd' ? t('containerd image store') : t('graph-driver image store ({0})', profile.driver),
  ].join(' · ');
}

/** The condition in words, e.g. "BuildKit · Engine ≥ 25", shown next to a check that applied because of it. */
export function describeCondition(when: CheckCondition, profile: EngineProfile): string {
  const parts: string[] = [];
  if (when.builder) parts.push(when.builder === 'buildkit' ? 'BuildKit' : t('legacy builder'));
  if (when.imageStore) parts.push(when.imageStore === 'containerd' ? t('containerd image store') : t('graph-driver image store ({0})', profile.driver));
  if (when.engine) parts.push(t('Engine {0}', when.engine.replace(/\s+/g, '').replace('>=', '≥ ').replace('<=', '≤ ').replace(/^([<>])/, '$1 ')));
  return parts.join(' · ');
}

export interface ApplicableCheck<C> {
  check: C;
  /** Set for a conditional check: the variant it stands for on this engine. */
  variant?: string;
}

/** The checks that apply on this engine (conditional ones only when their condition holds; the engine is asked only then). */
export async function applicableChecks<C extends { when?: CheckCondition }>(
  checks: readonly C[], engine: DockerEngine, env: NodeJS.ProcessEnv,
): Promise<ApplicableCheck<C>[]> {
  if (!checks.some((check) => check.when)) return checks.map((check) => ({ check }));
  const profile = await engineProfile(engine, env);
  return checks
    .filter((check) => !check.when || conditionHolds(check.when, profile))
    .map((check) => (check.when ? { check, variant: describeCondition(check.when, profile) } : { check }));
}
