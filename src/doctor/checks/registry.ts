// Do the registry addresses the configuration names answer? One GET /v2/ to each configured mirror and to the default
// registry (Docker Hub, unless the engine says otherwise), with a timeout; no other address is contacted.
import type { Endpoint } from '../../engine/types';
import { isDefunctMirror } from '../daemonConfig';
import type { RegistryAnswer } from '../probes';
import { bilingual as b, type Bilingual, type Finding } from '../types';

/** Where Docker Hub's registry API is (the engine's IndexServerAddress, https://index.docker.io/v1/, names the old index). */
export const DOCKER_HUB_REGISTRY = 'https://registry-1.docker.io';

export interface RegistryCheckInput {
  /** Mirrors daemon.json lists. */
  fileMirrors: string[];
  /** Mirrors the running daemon uses (GET /info), when it answered. */
  effectiveMirrors?: string[];
  /** The daemon.json checked is the one the running daemon reads (not one named with --daemon-config). */
  fileIsTheDaemons?: boolean;
  /** The engine's IndexServerAddress, when it answered. */
  indexServer?: string;
  /** Probe this instead of the default registry (tests point it at 127.0.0.1). */
  defaultRegistry?: string;
  /** The proxy the daemon uses for HTTPS, if any: the probes here connect directly. */
  daemonProxy?: string;
  endpoint: Endpoint;
  timeoutMs: number;
  registry(url: string, timeoutMs: number): Promise<RegistryAnswer>;
}

const trimSlash = (url: string): string => url.trim().replace(/\/+$/, '');

export function defaultRegistryUrl(indexServer: string | undefined, override?: string): string {
  if (override) return trimSlash(override);
  if (!indexServer || /(^|\/\/)(index\.)?docker\.io\b/.test(indexServer)) return DOCKER_HUB_REGISTRY;
  try {
    return new URL(indexServer).origin;
  } catch {
    return DOCKER_HUB_REGISTRY;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function answered(answer: RegistryAnswer): answer is { status: number } {
  return 'status' in answer;
}

/** 200, or 401 asking for a login (Docker Hub and most mirrors): a registry is there. */
function registryLike(answer: RegistryAnswer): boolean {
  return answered(answer) && (answer.status === 200 || answer.status === 401);
}

function answerText(answer: RegistryAnswer): Bilingual {
  if (!answered(answer)) return b(`does not answer (${answer.error})`, `没有应答（${answer.error}）`);
  if (answer.status === 401) return b('answers GET /v2/ with 401: a registry that asks for a login, as Docker Hub does', '对 GET /v2/ 回答 401：一个要求登录的 registry，Docker Hub 也是这样');
  if (answer.status === 200) return b('answers GET /v2/ with 200: a registry', '对 GET /v2/ 回答 200：是一个 registry');
  return b(`answers GET /v2/ with HTTP ${answer.status}, not like a registry`, `对 GET /v2/ 回答 HTTP ${answer.status}，不像一个 registry`);
}

export async function checkRegistries(input: RegistryCheckInput): Promise<Finding[]> {
  const effective = (input.effectiveMirrors ?? []).map(trimSlash);
  const fromFile = input.fileMirrors.filter(isHttpUrl).map(trimSlash);
  const mirrors = [...new Set([...effective, ...fromFile])];
  const hub = defaultRegistryUrl(input.indexServer, input.defaultRegistry);
  // Mirrors known to have shut down are reported without being contacted.
  const targets = [...mirrors.filter((mirror) => !isDefunctMirror(mirror)), hub];
  const answers = await Promise.all(targets.map((url) => input.registry(`${url}/v2/`, input.timeoutMs)));
  const byUrl = new Map(targets.map((url, i) => [url, answers[i]]));
  const anyMirrorWorks = mirrors.some((mirror) => byUrl.has(mirror) && registryLike(byUrl.get(mirror)!));

  const local = input.endpoint.kind === 'unix' || input.endpoint.kind === 'npipe';
  const caveats: Bilingual[] = [];
  if (input.daemonProxy) {
    caveats.push(b(`The daemon uses the proxy ${input.daemonProxy}; this check connected directly, so the daemon may still get through.`,
      `守护进程使用代理 ${input.daemonProxy}；这里的检查是直连的，守护进程经代理可能仍然连得上。`));
  }
  if (!local) {
    caveats.push(b(`This was checked from this computer; the engine at ${input.endpoint.url} may reach it differently.`,
      `这是从本机检查的；${input.endpoint.url} 上的引擎看到的网络可能不同。`));
  }
  const withCaveats = (detail: Bilingual, failed: boolean): Bilingual => (failed ? caveats : []).reduce(
    (text, caveat) => ({ en: `${text.en} ${caveat.en}`, 'zh-cn': `${text['zh-cn']}${caveat['zh-cn']}` }), detail);
  const capped = (level: Finding['level']): Finding['level'] => (level === 'error' && caveats.length > 0 ? 'warning' : level);

  const findings: Finding[] = [];
  for (const mirror of mirrors) {
    const answer = byUrl.get(mirror);
    if (!answer) {
      findings.push({ area: 'registry', id: `mirror:${mirror}`, level: 'warning', title: b(`Mirror ${mirror} has shut down`, `加速器 ${mirror} 已停止服务`),
        detail: b(`${mirror} is one of the public Docker Hub mirrors in mainland China that stopped serving (most of the rest closed in June 2024), so it was not contacted. Pulls try it first and lose time.`,
          `${mirror} 是已经停止服务的国内公共 Docker Hub 加速器之一（其余的大多在 2024 年 6 月关闭），所以没有去连接它。每次拉取都先去试它，白白耽误时间。`),
        fix: b('Remove it from registry-mirrors and restart the daemon; use a mirror your cloud provider, school or company gives you, a proxy for the daemon, or a pull-through cache (chapter 20).',
          '把它从 registry-mirrors 里删掉并重启守护进程；改用云厂商、学校或公司提供的加速器，给守护进程配代理，或者自建拉取缓存（第 20 章）。') });
      continue;
    }
    const works = registryLike(answer);
    const inUse = effective.includes(mirror);
    const listed = fromFile.includes(mirror);
    const where = input.effectiveMirrors === undefined || (!inUse && !input.fileIsTheDaemons)
      ? b('listed in daemon.json', '写在 daemon.json 里')
      : inUse && (listed || !input.fileIsTheDaemons) ? b('in use by the daemon', '守护进程正在使用')
        : inUse ? b('in use by the daemon, set outside this daemon.json', '守护进程正在使用，不是在这份 daemon.json 里设置的')
          : b('listed in daemon.json but not in use yet: restart the daemon', '写在 daemon.json 里，但还没有生效，需要重启守护进程');
    const text = answerText(answer);
    findings.push({
      area: 'registry', id: `mirror:${mirror}`, level: works ? 'ok' : capped('warning'),
      title: b(`Mirror ${mirror}`, `加速器 ${mirror}`),
      detail: withCaveats(b(`${mirror} (${where.en}) ${text.en}.`, `${mirror}（${where['zh-cn']}）${text['zh-cn']}。`), !works),
      ...(works ? {} : {
        fix: b('Pulls try each mirror first and fall back to Docker Hub, losing time on one that does not answer. Check the address with your provider, or remove it from registry-mirrors and restart the daemon.',
          '每次拉取都先试加速器、不行再回到 Docker Hub，不应答的加速器只会耽误时间。向服务商核实地址，或者把它从 registry-mirrors 里删掉并重启守护进程。'),
      }),
    });
  }
  const hubAnswer = byUrl.get(hub)!;
  const hubWorks = registryLike(hubAnswer);
  const hubName = hub === DOCKER_HUB_REGISTRY ? b('Docker Hub', 'Docker Hub') : b(`Default registry ${hub}`, `默认仓库 ${hub}`);
  findings.push({
    area: 'registry', id: 'default-registry',
    level: hubWorks ? 'ok' : capped(anyMirrorWorks ? 'warning' : 'error'),
    title: hubName,
    detail: withCaveats(b(`${hub} ${answerText(hubAnswer).en}.${!hubWorks && anyMirrorWorks ? ' Pulls of Docker Hub images can still go through a mirror that answers.' : ''}`,
      `${hub} ${answerText(hubAnswer)['zh-cn']}。${!hubWorks && anyMirrorWorks ? '拉取 Docker Hub 的镜像仍可以经由能应答的加速器。' : ''}`), !hubWorks),
    ...(hubWorks ? {} : {
      fix: b('Give the daemon a way out: a registry mirror you can reach (registry-mirrors), a proxy for the daemon (proxies in daemon.json or a systemd drop-in), or bring images with docker save / docker load. Chapter 20 shows each.',
        '给守护进程找一条路：一个连得上的加速器（registry-mirrors）、给守护进程配代理（daemon.json 的 proxies 或 systemd 的 drop-in），或者用 docker save / docker load 把镜像带过来。第 20 章逐一讲解。'),
    }),
  });
  return findings;
}
