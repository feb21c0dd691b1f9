// daemon.json as dockerd reads it: where the file is on each platform, whether it parses, and which keys dockerd would
// refuse. dockerd will not start with a key it does not know (`the following directives don't match any configuration
// option`), so a misspelt key such as `registry-mirror` takes every container on the machine down at the next restart.
// Pure functions: the file is read by the caller (probes.ts).
import * as path from 'path';

/**
 * Every top-level key of daemon.json that Docker Engine 20.10–28 accepts on Linux or Windows (the json tags of
 * moby's daemon/config: CommonConfig, the Linux Config and BridgeConfig, registry.ServiceOptions), plus keys older
 * engines still take. Keys removed since are listed in REMOVED_KEYS instead.
 */
export const KNOWN_KEYS: ReadonlySet<string> = new Set([
  // common
  'allow-nondistributable-artifacts', 'api-cors-header', 'authorization-plugins', 'bridge', 'builder', 'cdi-spec-dirs',
  'containerd', 'containerd-namespace', 'containerd-plugin-namespace', 'containerd-plugins-namespace', 'cri-containerd',
  'data-root', 'debug', 'default-address-pools', 'default-network-opts', 'default-runtime', 'deprecated-key-path', 'dns',
  'dns-opts', 'dns-search', 'exec-opts', 'exec-root', 'experimental', 'features', 'firewall-backend', 'fixed-cidr', 'group',
  'host-gateway-ip', 'host-gateway-ips', 'hosts', 'insecure-registries', 'labels', 'live-restore', 'log-driver',
  'log-format', 'log-level', 'log-opts', 'max-concurrent-downloads', 'max-concurrent-uploads', 'max-download-attempts',
  'metrics-addr', 'network-control-plane-mtu', 'network-diagnostic-port', 'node-generic-resources', 'pidfile', 'proxies',
  'raw-logs', 'registry-mirrors', 'shutdown-timeout', 'storage-driver', 'storage-opts', 'swarm-default-advertise-addr',
  'swarm-raft-election-tick', 'swarm-raft-heartbeat-tick', 'tls', 'tlscacert', 'tlscert', 'tlskey', 'tlsverify',
  // Linux
  'allow-direct-routing', 'bip', 'bip6', 'bridge-accept-fwmark', 'cgroup-parent', 'cpu-rt-period', 'cpu-rt-runtime',
  'default-cgroupns-mode', 'default-gateway', 'default-gateway-v6', 'default-init', 'default-ipc-mode', 'default-shm-size',
  'default-ulimits', 'fixed-cidr-v6', 'icc', 'init', 'init-path', 'ip', 'ip-forward', 'ip-forward-no-drop', 'ip-masq',
  'ip6tables', 'iptables', 'ipv6', 'mtu', 'no-new-privileges', 'resolv-conf', 'rootless', 'runtimes', 'seccomp-profile',
  'selinux-enabled', 'userland-proxy', 'userland-proxy-path', 'userns-remap',
]);

/** Keys dockerd dropped: from `removedIn` on it refuses to start with them; before, they still work (deprecated). */
export const REMOVED_KEYS: Readonly<Record<string, { removedIn: number; replacement?: string }>> = {
  graph: { removedIn: 23, replacement: 'data-root' },
  'cluster-store': { removedIn: 23 },
  'cluster-advertise': { removedIn: 23 },
  'cluster-store-opts': { removedIn: 23 },
  'oom-score-adjust': { removedIn: 25 },
  'disable-legacy-registry': { removedIn: 17 },
};

/** Keys that only exist nested: written at the top level they are unknown there. */
export const MISPLACED_KEYS: Readonly<Record<string, string>> = {
  'http-proxy': 'proxies',
  'https-proxy': 'proxies',
  'no-proxy': 'proxies',
  'containerd-snapshotter': 'features',
};

/** Keys that need a newer engine than some learners have: dockerd older than `since` refuses to start with them. */
export const KEYS_SINCE: Readonly<Record<string, { major: number; minor: number }>> = {
  proxies: { major: 23, minor: 0 },
};

export const PROXY_KEYS: ReadonlySet<string> = new Set(['http-proxy', 'https-proxy', 'no-proxy']);

/** Keys whose value is a list of strings (a plain string there stops dockerd: cannot unmarshal string into []string). */
const STRING_LIST_KEYS = ['registry-mirrors', 'insecure-registries', 'dns', 'dns-opts', 'dns-search', 'hosts', 'labels',
  'exec-opts', 'storage-opts', 'authorization-plugins'];

/**
 * Public Docker Hub mirrors in mainland China that stopped serving (between 2019 and the shutdowns of June 2024); the
 * notes and many blog posts still list them.
 */
export const DEFUNCT_MIRROR_HOSTS: readonly string[] = [
  'registry.docker-cn.com', 'hub-mirror.c.163.com', 'mirror.baidubce.com', 'dockerhub.azk8s.cn', 'reg-mirror.qiniu.com',
  'docker.mirrors.ustc.edu.cn', 'docker.mirrors.sjtug.sjtu.edu.cn', 'docker.nju.edu.cn',
];

// ---------------------------------------------------------------------------------------------------------- where

export interface DaemonConfigPlace {
  platform: NodeJS.Platform;
  homeDir: string;
  env: NodeJS.ProcessEnv;
  /** The engine says it runs rootless (SecurityOptions name=rootless). */
  rootless?: boolean;
  /** The engine is Docker Desktop (its settings live in ~/.docker/daemon.json on every platform). */
  desktop?: boolean;
}

/** Where the daemon reads daemon.json: /etc/docker, rootless ~/.config/docker, Docker Desktop ~/.docker, Windows ProgramData. */
export function daemonConfigPath(place: DaemonConfigPlace): string {
  const { platform, homeDir, env } = place;
  if (platform === 'win32' && !place.desktop) {
    return path.win32.join(env.ProgramData || 'C:\\ProgramData', 'docker', 'config', 'daemon.json');
  }
  if (platform === 'win32') return path.win32.join(homeDir, '.docker', 'daemon.json');
  if (place.desktop || platform === 'darwin') return path.posix.join(homeDir, '.docker', 'daemon.json');
  if (place.rootless) return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(homeDir, '.config'), 'docker', 'daemon.json');
  return '/etc/docker/daemon.json';
}

// ---------------------------------------------------------------------------------------------------------- parse

export type ParsedDaemonConfig =
  | { ok: true; config: Record<string, unknown> }
  | { ok: false; line: number; column: number; problem: 'trailing-comma' | 'comment' | 'not-an-object' | 'syntax'; message: string };

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** The offset of the first character outside JSON strings for which `matches(text, i)` holds; -1 when none. */
function firstOutsideStrings(text: string, matches: (text: string, i: number) => boolean): number {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (matches(text, i)) {
      return i;
    }
  }
  return -1;
}

/** A `,` followed only by blanks and `}` or `]`. */
const isTrailingComma = (text: string, i: number): boolean => text[i] === ',' && /^\s*[}\]]/.test(text.slice(i + 1));
/** A `//`, `/*` or `#` comment: JSON has none, and dockerd rejects them. */
const isComment = (text: string, i: number): boolean => text[i] === '#' || (text[i] === '/' && (text[i + 1] === '/' || text[i + 1] === '*'));

/** Parse daemon.json like dockerd: a BOM is fine, an empty file means defaults, anything else must be one JSON object. */
export function parseDaemonConfig(raw: string): ParsedDaemonConfig {
  const text = raw.replace(/^\uFEFF/, '');
  if (text.trim() === '') return { ok: true, config: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The two mistakes people make most get named; otherwise the parser's own position.
    const comma = firstOutsideStrings(text, isTrailingComma);
    const comment = firstOutsideStrings(text, isComment);
    const candidates = [
      ...(comma >= 0 ? [{ offset: comma, problem: 'trailing-comma' as const }] : []),
      ...(comment >= 0 ? [{ offset: comment, problem: 'comment' as const }] : []),
    ].sort((a, b) => a.offset - b.offset);
    if (candidates.length > 0) return { ok: false, ...lineAndColumn(text, candidates[0].offset), problem: candidates[0].problem, message };
    const position = /position (\d+)/.exec(message);
    const lineColumn = /line (\d+) column (\d+)/.exec(message);
    const where = lineColumn ? { line: Number(lineColumn[1]), column: Number(lineColumn[2]) }
      : lineAndColumn(text, position ? Number(position[1]) : text.length);
    return { ok: false, ...where, problem: 'syntax', message };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, line: 1, column: 1, problem: 'not-an-object', message: 'daemon.json must be a JSON object' };
  }
  return { ok: true, config: value as Record<string, unknown> };
}

// ---------------------------------------------------------------------------------------------------------- keys

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** registryMirrors, Registry_Mirrors → registry-mirrors: the spelling dockerd uses. */
function kebab(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/[_\s]+/g, '-').toLowerCase();
}

/** The known key `key` most likely means, or undefined when none is close. */
export function nearestKey(key: string, known: Iterable<string> = KNOWN_KEYS): string | undefined {
  const wanted = kebab(key);
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    if (candidate === wanted) return candidate;
    const distance = editDistance(wanted, candidate);
    if (!best || distance < best.distance) best = { key: candidate, distance };
  }
  if (!best) return undefined;
  // Singular and plural (registry → registries) are three edits apart; allow more for longer keys.
  const allowed = wanted.length >= 10 ? 3 : 2;
  return best.distance <= allowed ? best.key : undefined;
}

// ---------------------------------------------------------------------------------------------------------- validate

export type DaemonConfigIssue =
  | { kind: 'unknown-key'; key: string; suggestion?: string; under?: string }
  | { kind: 'misplaced-key'; key: string; parent: string }
  | { kind: 'removed-key'; key: string; removedIn: number; replacement?: string; stillAccepted: boolean }
  | { kind: 'too-new-key'; key: string; since: string; engine: string }
  | { kind: 'not-a-list'; key: string }
  | { kind: 'not-an-object'; key: string }
  | { kind: 'bad-mirror'; mirror: string; reason: 'scheme' | 'path' | 'credentials' | 'not-a-url' };

export interface EngineVersion { major: number; minor: number; text: string }

function mirrorProblem(value: string): 'scheme' | 'path' | 'credentials' | 'not-a-url' | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? 'not-a-url' : 'scheme';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'scheme';
  if (url.username || url.password) return 'credentials';
  if ((url.pathname !== '' && url.pathname !== '/') || url.search || url.hash) return 'path';
  return undefined;
}

export function isDefunctMirror(mirror: string): boolean {
  try {
    return DEFUNCT_MIRROR_HOSTS.includes(new URL(mirror).hostname.toLowerCase());
  } catch {
    return false;
  }
}

/** The keys and values dockerd would refuse (or that cannot work), in file order. */
export function validateDaemonConfig(config: Record<string, unknown>, engine?: EngineVersion): DaemonConfigIssue[] {
  const issues: DaemonConfigIssue[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (KNOWN_KEYS.has(key)) {
      const since = KEYS_SINCE[key];
      if (since && engine && engine.major > 0 && (engine.major < since.major || (engine.major === since.major && engine.minor < since.minor))) {
        issues.push({ kind: 'too-new-key', key, since: `${since.major}.${since.minor}`, engine: engine.text });
      }
    } else if (REMOVED_KEYS[key]) {
      const { removedIn, replacement } = REMOVED_KEYS[key];
      issues.push({ kind: 'removed-key', key, removedIn, replacement, stillAccepted: !!engine && engine.major > 0 && engine.major < removedIn });
    } else if (MISPLACED_KEYS[kebab(key)]) {
      issues.push({ kind: 'misplaced-key', key, parent: MISPLACED_KEYS[kebab(key)] });
    } else {
      issues.push({ kind: 'unknown-key', key, suggestion: nearestKey(key) });
    }
  }
  for (const key of STRING_LIST_KEYS) {
    const value = config[key];
    if (value !== undefined && (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))) issues.push({ kind: 'not-a-list', key });
  }
  const proxies = config.proxies;
  if (proxies !== undefined) {
    if (proxies === null || typeof proxies !== 'object' || Array.isArray(proxies)) {
      issues.push({ kind: 'not-an-object', key: 'proxies' });
    } else {
      for (const key of Object.keys(proxies)) {
        if (!PROXY_KEYS.has(key)) issues.push({ kind: 'unknown-key', key, under: 'proxies', suggestion: nearestKey(key, PROXY_KEYS) });
      }
    }
  }
  // A mirror that is well-formed but shut down is the registry check's to report (it is not contacted).
  for (const mirror of configuredMirrors(config)) {
    const reason = mirrorProblem(mirror);
    if (reason) issues.push({ kind: 'bad-mirror', mirror, reason });
  }
  return issues;
}

/** The mirrors the file lists (also under a misspelt key, so they are still probed). */
export function configuredMirrors(config: Record<string, unknown>): string[] {
  const found: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (key !== 'registry-mirrors' && nearestKey(key) !== 'registry-mirrors') continue;
    const list = Array.isArray(value) ? value : [value];
    for (const item of list) if (typeof item === 'string' && item.trim() !== '') found.push(item.trim());
  }
  return found;
}

/** `proxies` of the file, when it is an object of strings. */
export function configuredProxies(config: Record<string, unknown>): { http?: string; https?: string; noProxy?: string } {
  const proxies = config.proxies;
  if (proxies === null || typeof proxies !== 'object' || Array.isArray(proxies)) return {};
  const value = (key: string): string | undefined => {
    const item = (proxies as Record<string, unknown>)[key];
    return typeof item === 'string' && item !== '' ? item : undefined;
  };
  return { http: value('http-proxy'), https: value('https-proxy'), noProxy: value('no-proxy') };
}
