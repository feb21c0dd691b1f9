// Proxies: what the daemon uses (GET /info HTTPProxy / HTTPSProxy / NoProxy), what it was started with when that is
// visible (its environment, or systemd's Environment= for docker.service), what daemon.json asks for, and whether the
// learner's own shell has a proxy the daemon does not — `export https_proxy=…` never reaches `docker pull`.
import type { DaemonEnvironment } from '../probes';
import { bilingual as b, type Finding } from '../types';

export interface ProxyCheckInput {
  /** The engine's view, when it answered. */
  daemon?: { httpProxy: string; httpsProxy: string; noProxy: string; desktop: boolean };
  daemonEnvironment?: DaemonEnvironment;
  fileProxies: { http?: string; https?: string; noProxy?: string };
  /** The file's proxies are what the running daemon should use (its own daemon.json, valid): compare them. */
  compareWithFile?: boolean;
  /** The environment the doctor (the learner's shell or VS Code) runs in. */
  clientEnv: NodeJS.ProcessEnv;
}

/** HTTP_PROXY / http_proxy …: the upper-case name wins, as in Go's httpproxy. */
export function proxyVariables(env: Record<string, string | undefined>): { http?: string; https?: string; noProxy?: string } {
  const get = (name: string): string | undefined => (env[name] || env[name.toLowerCase()] || undefined);
  return { http: get('HTTP_PROXY'), https: get('HTTPS_PROXY'), noProxy: get('NO_PROXY') };
}

/** user:password@ in a proxy URL becomes xxxxx, as dockerd shows it. */
export function maskCredentials(url: string): string {
  return url.replace(/\/\/[^/@\s]+@/, '//xxxxx:xxxxx@');
}

function describe(proxies: { http?: string; https?: string; noProxy?: string }): string {
  return [
    proxies.http ? `HTTP_PROXY=${maskCredentials(proxies.http)}` : '',
    proxies.https ? `HTTPS_PROXY=${maskCredentials(proxies.https)}` : '',
    proxies.noProxy ? `NO_PROXY=${proxies.noProxy}` : '',
  ].filter(Boolean).join(' ');
}

export function checkProxies(input: ProxyCheckInput): Finding[] {
  const findings: Finding[] = [];
  const title = b('Proxy', '代理');
  const client = proxyVariables(input.clientEnv);
  const clientHas = !!(client.http || client.https);
  const envSource = input.daemonEnvironment
    ? (input.daemonEnvironment.source === 'systemd'
      ? b('systemd starts docker.service with', 'systemd 启动 docker.service 时设置了')
      : b('the dockerd process was started with', 'dockerd 进程启动时的环境变量'))
    : undefined;
  const started = input.daemonEnvironment ? proxyVariables(input.daemonEnvironment.env) : undefined;
  const startedText = started ? describe(started) : '';

  if (!input.daemon) {
    const parts = [describe(input.fileProxies) ? b(`daemon.json sets ${describe(input.fileProxies)}.`, `daemon.json 设置了 ${describe(input.fileProxies)}。`) : undefined,
      envSource && startedText ? b(`${envSource.en} ${startedText}.`, `${envSource['zh-cn']} ${startedText}。`) : undefined].filter((p) => p !== undefined);
    return [{ area: 'proxy', id: 'daemon-proxy', level: 'ok', skipped: true, title,
      detail: parts.length > 0
        ? { en: `The engine did not answer, so its proxies are unknown. ${parts.map((p) => p.en).join(' ')}`, 'zh-cn': `引擎没有应答，不知道它用的代理。${parts.map((p) => p['zh-cn']).join('')}` }
        : b('The engine did not answer, so its proxies are unknown.', '引擎没有应答，不知道它用的代理。') }];
  }

  const daemon = input.daemon;
  const daemonHas = !!(daemon.httpProxy || daemon.httpsProxy);
  const daemonText = describe({ http: daemon.httpProxy, https: daemon.httpsProxy, noProxy: daemon.noProxy });
  if (daemonHas) {
    const desktopNote = daemon.desktop && /docker\.internal/.test(`${daemon.httpProxy} ${daemon.httpsProxy}`)
      ? b(' (Docker Desktop\'s own forwarding proxy; the real one is set in Settings → Resources → Proxies)', '（这是 Docker Desktop 自带的转发代理；真正的代理在设置的 Resources → Proxies 里）')
      : b('', '');
    findings.push({ area: 'proxy', id: 'daemon-proxy', level: 'ok', title,
      detail: b(`The daemon pulls through ${daemonText}${desktopNote.en}.${startedText ? ` ${envSource!.en} ${startedText}.` : ''}`,
        `守护进程经由代理拉取：${daemonText}${desktopNote['zh-cn']}。${startedText ? `${envSource!['zh-cn']} ${startedText}。` : ''}`) });
  } else {
    findings.push({ area: 'proxy', id: 'daemon-proxy', level: 'ok', title,
      detail: b(`The daemon uses no proxy: it connects to registries directly.${startedText ? ` ${envSource!.en} ${startedText}.` : ''}`,
        `守护进程没有使用代理：直接连接各个镜像仓库。${startedText ? `${envSource!['zh-cn']} ${startedText}。` : ''}`) });
  }

  if (clientHas && !daemonHas) {
    findings.push({ area: 'proxy', id: 'shell-only', level: 'warning', title: b('Proxy only in your shell', '代理只设置在了终端里'),
      detail: b(`Your environment has ${describe(client)}, but the daemon has no proxy. Images are pulled by the daemon, not by the docker command, so this proxy does not help docker pull.`,
        `你的环境里有 ${describe(client)}，但守护进程没有代理。镜像是守护进程拉取的，不是 docker 命令，所以这个代理对 docker pull 不起作用。`),
      fix: b('Give the daemon the proxy: "proxies" in daemon.json (Engine 23 and later), or a systemd drop-in /etc/systemd/system/docker.service.d/http-proxy.conf; on Docker Desktop, Settings → Resources → Proxies. Then restart the daemon.',
        '把代理配给守护进程：daemon.json 的 "proxies"（Engine 23 起），或者 systemd 的 drop-in 文件 /etc/systemd/system/docker.service.d/http-proxy.conf；Docker Desktop 在设置的 Resources → Proxies 里。然后重启守护进程。') });
  }

  const file = input.fileProxies;
  const fileText = describe(file);
  const differs = (wanted: string | undefined, used: string) => wanted !== undefined && maskCredentials(wanted) !== used && wanted !== used;
  if (input.compareWithFile && fileText && !daemon.desktop && (differs(file.http, daemon.httpProxy) || differs(file.https, daemon.httpsProxy) || differs(file.noProxy, daemon.noProxy))) {
    findings.push({ area: 'proxy', id: 'not-applied', level: 'warning', title: b('daemon.json proxies not in use', 'daemon.json 里的代理没有生效'),
      detail: b(`daemon.json sets ${fileText}, but the daemon uses ${daemonText || 'no proxy'}.`, `daemon.json 设置了 ${fileText}，但守护进程用的是 ${daemonText || '没有代理'}。`),
      fix: b('Restart the daemon (`sudo systemctl restart docker`) and check again.', '重启守护进程（`sudo systemctl restart docker`），然后再检查一次。') });
  }
  return findings;
}
