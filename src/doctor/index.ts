// `docker-lessons doctor` and the 环境体检 command: one pass over what usually stops a learner — no engine, no
// BuildKit or Compose, a daemon.json dockerd would refuse, mirrors that no longer answer, a proxy only the shell has,
// a full disk. No vscode here: the CLI and the extension both call runDoctor.
import type { EngineError } from '../engine/errors';
import type { Endpoint } from '../engine/types';
import { parseEngineVersion } from '../runner/profile';
import { checkDaemonConfig } from './checks/daemonConfig';
import { checkDisk } from './checks/disk';
import { checkBuilder, checkCompose, checkDockerCli, checkEngine, checkImageStore } from './checks/engine';
import { checkProxies } from './checks/proxy';
import { checkRegistries } from './checks/registry';
import { configuredMirrors, configuredProxies, daemonConfigPath } from './daemonConfig';
import type { DoctorProbes, EngineFacts } from './probes';
import { countLevels, FINDING_AREAS, type DoctorReport, type Finding } from './types';

export * from './types';
export { realProbes } from './probes';
export type { DoctorProbes } from './probes';

export const DEFAULT_REGISTRY_TIMEOUT_MS = 5000;

export interface DoctorOptions {
  probes: DoctorProbes;
  endpoint: Endpoint;
  /** The environment the doctor runs in: DOCKER_BUILDKIT, the shell's proxies. */
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  homeDir: string;
  /** Look at this daemon.json instead of the platform's usual one (also DOCKER_LESSONS_DAEMON_CONFIG). */
  daemonConfig?: string;
  /** Each registry's GET /v2/ gets this long (default 5 s). */
  timeoutMs?: number;
  /** Probe this instead of Docker Hub as the default registry (also DOCKER_LESSONS_DEFAULT_REGISTRY, for air-gapped setups and tests). */
  defaultRegistry?: string;
}

export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const { probes, endpoint, env } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_REGISTRY_TIMEOUT_MS;

  let facts: EngineFacts | undefined;
  let engineError: EngineError | undefined;
  const [cli, plugins, daemonEnvironment] = await Promise.all([
    probes.dockerCli(),
    probes.plugins(),
    probes.daemonEnvironment().catch(() => undefined),
    probes.engine().then((value) => { facts = value; }, (error: EngineError) => { engineError = error; }),
  ]);
  const daemon = facts?.info.daemon;
  const desktop = !!daemon?.operatingSystem.includes('Docker Desktop');
  const local = endpoint.kind === 'unix' || endpoint.kind === 'npipe';

  const chosen = options.daemonConfig ?? (env.DOCKER_LESSONS_DAEMON_CONFIG?.trim() || undefined);
  const file = chosen ?? daemonConfigPath({
    platform: options.platform, homeDir: options.homeDir, env, rootless: daemon?.rootless, desktop,
  });
  const version = facts ? { ...parseEngineVersion(facts.version), text: facts.version } : undefined;
  // The running daemon reads this file only when it is local and the file is its usual one.
  const readsThisFile = !!daemon && local && chosen === undefined;
  const config = checkDaemonConfig({
    file, answer: await probes.readFile(file), engine: version, effectiveMirrors: readsThisFile ? daemon.mirrors : undefined,
  });

  const findings: Finding[] = [
    checkDockerCli(cli),
    checkEngine(facts, engineError, endpoint),
    checkBuilder(plugins, env),
    checkCompose(plugins),
    ...(facts ? [checkImageStore(facts)] : []),
    ...config.findings,
    ...await checkRegistries({
      fileMirrors: configuredMirrors(config.config), effectiveMirrors: daemon?.mirrors, fileIsTheDaemons: readsThisFile,
      indexServer: daemon?.indexServer,
      defaultRegistry: options.defaultRegistry ?? (env.DOCKER_LESSONS_DEFAULT_REGISTRY?.trim() || undefined), daemonProxy: daemon?.httpsProxy || undefined, endpoint, timeoutMs,
      registry: (url, ms) => probes.registry(url, ms),
    }),
    ...checkProxies({
      daemon: daemon ? { httpProxy: daemon.httpProxy, httpsProxy: daemon.httpsProxy, noProxy: daemon.noProxy, desktop } : undefined,
      daemonEnvironment, fileProxies: configuredProxies(config.config), clientEnv: env,
      compareWithFile: readsThisFile && config.findings.every((finding) => finding.level !== 'error'),
    }),
    checkDisk({
      rootDir: daemon?.rootDir,
      space: daemon?.rootDir && !desktop ? await probes.diskSpace(daemon.rootDir) : undefined,
      elsewhere: desktop ? 'Docker Desktop' : !local ? endpoint.url : undefined,
    }),
  ];
  findings.sort((a, b) => FINDING_AREAS.indexOf(a.area) - FINDING_AREAS.indexOf(b.area));
  const counts = countLevels(findings);
  return { endpoint: endpoint.url, daemonConfigPath: file, findings, counts, exitCode: counts.error > 0 ? 1 : 0 };
}
