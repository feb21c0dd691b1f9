// Pure helpers for the explorer's commands: input validation and the docker command lines shown in terminals.
// vscode-free so they are unit-tested.
import { t } from '../../i18n';

/** Container names as the engine accepts them. */
const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
/** [ip:]hostPort:containerPort[/proto], or just containerPort (random host port). */
const PORT_MAPPING = /^(?:(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):)?(?:(\d{1,5}):)?(\d{1,5})(?:\/(tcp|udp|sctp))?$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN = /^(?:localhost|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*)(?::\d+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** undefined when valid (VS Code's validateInput convention), else what is wrong. */
export function validateContainerName(name: string, taken: readonly string[] = []): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return undefined; // optional: Docker picks a name
  if (!CONTAINER_NAME.test(trimmed)) {
    return t('Use letters, digits, "_", "." or "-", starting with a letter or digit.');
  }
  if (taken.includes(trimmed)) return t('A container named "{0}" already exists.', trimmed);
  return undefined;
}

export function validatePortMapping(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const match = PORT_MAPPING.exec(trimmed);
  const inRange = (p: string | undefined) => p === undefined || (Number(p) >= 1 && Number(p) <= 65535);
  if (!match || !inRange(match[1]) || !inRange(match[2])) {
    return t('Write host port:container port, for example 8080:80.');
  }
  return undefined;
}

/** Parses "[registry[:port]/]path[:tag]" the way Docker's reference grammar does; undefined when invalid. */
export function parseImageReference(text: string): { repository: string; tag: string } | undefined {
  const ref = text.trim();
  if (ref === '' || ref.length > 255 || ref.includes('@')) return undefined;
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  const repository = colon > slash ? ref.slice(0, colon) : ref;
  const tag = colon > slash ? ref.slice(colon + 1) : 'latest';
  if (!TAG.test(tag)) return undefined;
  const parts = repository.split('/');
  const first = parts[0]!;
  const hasDomain = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasDomain && !DOMAIN.test(first)) return undefined;
  const pathParts = hasDomain ? parts.slice(1) : parts;
  if (pathParts.length === 0 || !pathParts.every((p) => PATH_COMPONENT.test(p))) return undefined;
  return { repository, tag };
}

export function validateImageReference(text: string): string | undefined {
  if (parseImageReference(text)) return undefined;
  return t('Not a valid image reference. Use lowercase letters, digits and separators, like myapp:1.0 or registry.local:5000/team/app:dev.');
}

/** Quotes a word for POSIX shells only when needed (names and references we pass are already validated). */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function dockerRunCommand(image: string, name?: string, ports?: string): string {
  const args = ['docker', 'run', '-d'];
  if (name?.trim()) args.push('--name', name.trim());
  if (ports?.trim()) args.push('-p', ports.trim());
  args.push(image);
  return args.map(shellQuote).join(' ');
}

export function dockerLogsCommand(container: string): string {
  return ['docker', 'logs', '-f', '--tail', '200', container].map(shellQuote).join(' ');
}

export function dockerShellCommand(container: string): string {
  return ['docker', 'exec', '-it', container, 'sh'].map(shellQuote).join(' ');
}

/** The confirmation list for prune: at most `max` names, then "and N more". */
export function pruneListing(items: readonly { label: string }[], max = 20): string {
  const shown = items.slice(0, max).map((i) => `• ${i.label}`);
  if (items.length > max) shown.push(t('… and {0} more', items.length - max));
  return shown.join('\n');
}
