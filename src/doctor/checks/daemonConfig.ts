// daemon.json findings: the file parses, every key is one dockerd knows, the mirrors are well-formed, and what the file
// asks for is what the running daemon uses.
import {
  configuredMirrors, type DaemonConfigIssue, type EngineVersion, parseDaemonConfig, validateDaemonConfig,
} from '../daemonConfig';
import type { FileAnswer } from '../probes';
import { bilingual as b, type Bilingual, type Finding } from '../types';

const REFUSES = b('dockerd refuses to start with it (at its next restart every container on the machine stops).',
  'dockerd 遇到它会拒绝启动（下次重启时，机器上所有的容器都会停下）。');

function finding(id: string, level: Finding['level'], title: Bilingual, detail: Bilingual, fix?: Bilingual): Finding {
  return { area: 'daemon-config', id, level, title, detail, ...(fix ? { fix } : {}) };
}

const join = (a: Bilingual, b2: Bilingual): Bilingual => ({ en: `${a.en} ${b2.en}`, 'zh-cn': `${a['zh-cn']}${b2['zh-cn']}` });

const MIRROR_REASONS: Record<'scheme' | 'path' | 'credentials' | 'not-a-url', Bilingual> = {
  scheme: b('it must start with https:// (or http://)', '它必须以 https://（或 http://）开头'),
  path: b('a mirror is only scheme, host and port: no path, query or fragment after it', '加速器地址只能有协议、主机和端口，后面不能带路径、查询或片段'),
  credentials: b('a user name or password in the address is not allowed (log in with docker login instead)', '地址里不能写用户名或密码（改用 docker login 登录）'),
  'not-a-url': b('it is not a valid URL', '它不是合法的网址'),
};

export function issueFinding(issue: DaemonConfigIssue, file: string): Finding {
  switch (issue.kind) {
    case 'unknown-key': {
      const name = issue.under ? `"${issue.key}" (in "${issue.under}")` : `"${issue.key}"`;
      const nameZh = issue.under ? `"${issue.under}" 里的 "${issue.key}"` : `"${issue.key}"`;
      const title = b(`Unknown key ${name}`, `不认识的键 ${nameZh}`);
      const detail = join(b(`${file} has the key ${name}.`, `${file} 里有键 ${nameZh}。`), REFUSES);
      const fix = issue.suggestion
        ? b(`Did you mean "${issue.suggestion}"? Rename "${issue.key}" to "${issue.suggestion}".`, `是不是想写 "${issue.suggestion}"？把 "${issue.key}" 改成 "${issue.suggestion}"。`)
        : b(`Remove "${issue.key}" or check its spelling in the dockerd reference (docs.docker.com/reference/cli/dockerd/).`,
          `删掉 "${issue.key}"，或者对照 dockerd 的文档（docs.docker.com/reference/cli/dockerd/）检查拼写。`);
      return finding(`unknown-key:${issue.under ? `${issue.under}.` : ''}${issue.key}`, 'error', title, detail, fix);
    }
    case 'misplaced-key':
      return finding(`misplaced-key:${issue.key}`, 'error', b(`"${issue.key}" at the top level`, `"${issue.key}" 写在了最外层`),
        join(b(`"${issue.key}" only exists inside "${issue.parent}".`, `"${issue.key}" 只能写在 "${issue.parent}" 里面。`), REFUSES),
        b(`Move it: "${issue.parent}": { "${issue.key}": … }.`, `把它移进去："${issue.parent}": { "${issue.key}": … }。`));
    case 'removed-key': {
      const replacement = issue.replacement;
      const fix = replacement ? b(`Use "${replacement}" instead.`, `改用 "${replacement}"。`) : b(`Remove "${issue.key}".`, `删掉 "${issue.key}"。`);
      return issue.stillAccepted
        ? finding(`removed-key:${issue.key}`, 'warning', b(`Deprecated key "${issue.key}"`, `已弃用的键 "${issue.key}"`),
          b(`This engine still takes "${issue.key}", but Docker Engine ${issue.removedIn} and later refuse to start with it.`,
            `这个引擎还认 "${issue.key}"，但 Docker Engine ${issue.removedIn} 及以后的版本遇到它会拒绝启动。`), fix)
        : finding(`removed-key:${issue.key}`, 'error', b(`Removed key "${issue.key}"`, `已被移除的键 "${issue.key}"`),
          join(b(`"${issue.key}" was removed in Docker Engine ${issue.removedIn}.`, `"${issue.key}" 在 Docker Engine ${issue.removedIn} 中已被移除。`), REFUSES), fix);
    }
    case 'too-new-key':
      return finding(`too-new-key:${issue.key}`, 'error', b(`"${issue.key}" needs a newer engine`, `"${issue.key}" 需要更新的引擎`),
        join(b(`"${issue.key}" exists since Docker Engine ${issue.since}; this engine is ${issue.engine}.`,
          `"${issue.key}" 从 Docker Engine ${issue.since} 起才有，这个引擎是 ${issue.engine}。`), REFUSES),
        issue.key === 'proxies'
          ? b('Set the proxy with a systemd drop-in instead (/etc/systemd/system/docker.service.d/http-proxy.conf with Environment="HTTPS_PROXY=…"), or upgrade the engine.',
            '改用 systemd 的 drop-in 文件设置代理（/etc/systemd/system/docker.service.d/http-proxy.conf，写 Environment="HTTPS_PROXY=…"），或者升级引擎。')
          : b('Upgrade the engine, or remove the key.', '升级引擎，或者删掉这个键。'));
    case 'not-a-list':
      return finding(`not-a-list:${issue.key}`, 'error', b(`"${issue.key}" is not a list`, `"${issue.key}" 不是列表`),
        join(b(`"${issue.key}" takes a list of strings.`, `"${issue.key}" 的值应该是字符串列表。`), REFUSES),
        b(`Write it as a list, even for one value: "${issue.key}": ["…"].`, `即使只有一个值也写成列表："${issue.key}": ["…"]。`));
    case 'not-an-object':
      return finding(`not-an-object:${issue.key}`, 'error', b(`"${issue.key}" is not an object`, `"${issue.key}" 不是对象`),
        join(b(`"${issue.key}" takes an object.`, `"${issue.key}" 的值应该是一个对象。`), REFUSES),
        b('Write "proxies": { "http-proxy": "http://…", "https-proxy": "http://…", "no-proxy": "localhost,127.0.0.0/8" }.',
          '写成 "proxies": { "http-proxy": "http://…", "https-proxy": "http://…", "no-proxy": "localhost,127.0.0.0/8" }。'));
    case 'bad-mirror': {
      const reason = MIRROR_REASONS[issue.reason];
      return finding(`bad-mirror:${issue.mirror}`, 'error', b(`Invalid mirror ${issue.mirror}`, `加速器地址 ${issue.mirror} 无效`),
        join(b(`dockerd rejects the mirror "${issue.mirror}": ${reason.en}.`, `dockerd 不接受加速器 "${issue.mirror}"：${reason['zh-cn']}。`), REFUSES),
        b('Write the address as your provider gives it, e.g. "https://mirror.example.com".', '按服务商给的地址原样写，例如 "https://mirror.example.com"。'));
    }
  }
}

export interface DaemonConfigCheckInput {
  file: string;
  answer: FileAnswer;
  engine?: EngineVersion;
  /** The mirrors the running daemon uses (from GET /info), when the engine answered and reads this file. */
  effectiveMirrors?: string[];
}

export interface DaemonConfigCheckResult {
  findings: Finding[];
  /** The parsed file (empty when missing or broken), for the registry and proxy checks. */
  config: Record<string, unknown>;
}

const normalizeMirror = (url: string): string => url.trim().replace(/\/+$/, '');

export function checkDaemonConfig(input: DaemonConfigCheckInput): DaemonConfigCheckResult {
  const { file, answer } = input;
  const title = b('daemon.json', 'daemon.json');
  if ('missing' in answer) {
    return { config: {}, findings: [finding('file', 'ok', title,
      b(`There is no ${file}: the daemon runs with its defaults (no mirrors, no proxy settings of its own).`,
        `没有 ${file}：守护进程使用默认配置（没有加速器，也没有自己的代理设置）。`))] };
  }
  if ('unreadable' in answer) {
    return { config: {}, findings: [{ ...finding('file', 'warning', title,
      b(`${file} cannot be read (${answer.unreadable}), so it was not checked.`, `${file} 读不了（${answer.unreadable}），没有检查它。`),
      b(`Check it yourself: \`sudo dockerd --validate --config-file ${file}\` (Engine 23 and later).`,
        `自己检查：\`sudo dockerd --validate --config-file ${file}\`（Engine 23 起）。`)), skipped: true }] };
  }
  const parsed = parseDaemonConfig(answer.text);
  if (!parsed.ok) {
    const at = `${file}:${parsed.line}:${parsed.column}`;
    const what: Record<typeof parsed.problem, [Bilingual, Bilingual]> = {
      'trailing-comma': [b(`A comma after the last item at ${at}: JSON does not allow it.`, `${at} 处最后一项后面多了一个逗号：JSON 不允许这样写。`),
        b('Delete that comma.', '删掉这个逗号。')],
      comment: [b(`A comment at ${at}: JSON has no comments.`, `${at} 处有注释：JSON 里不能写注释。`), b('Delete the comment.', '删掉注释。')],
      'not-an-object': [b(`${file} is valid JSON but not an object.`, `${file} 是合法的 JSON，但不是一个对象。`),
        b('The whole file is one object: { "registry-mirrors": ["https://…"] }.', '整个文件是一个对象：{ "registry-mirrors": ["https://…"] }。')],
      syntax: [b(`Not valid JSON at ${at} (${parsed.message}).`, `${at} 处不是合法的 JSON（${parsed.message}）。`),
        b('Fix the JSON there: every key and string in double quotes, items separated by commas, no comma after the last one.',
          '改正这里的 JSON：键和字符串都用双引号，各项之间用逗号分隔，最后一项后面不加逗号。')],
    };
    const [detail, fix] = what[parsed.problem];
    return { config: {}, findings: [finding('parse', 'error', b(`${file} is not valid JSON`, `${file} 不是合法的 JSON`), join(detail, REFUSES), fix)] };
  }
  const issues = validateDaemonConfig(parsed.config, input.engine);
  const findings = issues.map((issue) => issueFinding(issue, file));
  const fileMirrors = configuredMirrors(parsed.config).map(normalizeMirror);
  if (input.effectiveMirrors && issues.length === 0) {
    const effective = input.effectiveMirrors.map(normalizeMirror);
    const same = fileMirrors.length === effective.length && fileMirrors.every((mirror) => effective.includes(mirror));
    if (!same) {
      findings.push(finding('not-applied', 'warning', b('The daemon uses other mirrors than the file', '守护进程用的加速器与文件里的不同'),
        b(`${file} lists ${fileMirrors.join(', ') || 'no mirror'}; the running daemon uses ${effective.join(', ') || 'none'}. The file changed after dockerd started, or the daemon reads another file or flags.`,
          `${file} 里写的是 ${fileMirrors.join('、') || '没有加速器'}，正在运行的守护进程用的是 ${effective.join('、') || '没有加速器'}。可能是文件在 dockerd 启动后改过，或者守护进程读的是别的文件或命令行参数。`),
        b('Restart the daemon (`sudo systemctl restart docker`, or restart Docker Desktop), then run this check again.',
          '重启守护进程（`sudo systemctl restart docker`，或重启 Docker Desktop），然后再检查一次。')));
    }
  }
  if (findings.length === 0) {
    const keys = Object.keys(parsed.config);
    findings.push(finding('file', 'ok', title,
      b(`${file} is valid JSON; ${keys.length === 0 ? 'it sets nothing' : `its keys are all known to dockerd (${keys.join(', ')})`}.`,
        `${file} 是合法的 JSON；${keys.length === 0 ? '里面没有设置任何项' : `所有的键 dockerd 都认识（${keys.join('、')}）`}。`)));
  }
  return { config: parsed.config, findings };
}
