// `network:` checks over GET /networks/{name} (driver, IPAM, attached containers) and, for aliases and fixed
// addresses, the containers' NetworkSettings.Networks[<network>].
import * as z from 'zod';
import type { ContainerDetails, NetworkDetails, NetworkEndpoint } from '../../engine/types';
import { t } from '../../i18n';
import { type Outcome, combine, formatBool, joinClauses, joinItems, subsetProp } from '../describe';
import type { Lookup } from '../lookup';
import { type PropSpec, judgeAll, missingOutcome, same, spec } from '../props';
import { common, defineKind, missing, nonEmpty } from './common';

export const networkCheck = z.object({
  network: nonEmpty,
  absent: z.boolean().optional(),
  driver: z.string().optional(),
  subnet: z.string().optional(),
  gateway: z.string().optional(),
  internal: z.boolean().optional(),
  /** Containers (names) that must be attached. */
  containers: z.array(z.string()).optional(),
  /** Containers that must not be attached. */
  notContainers: z.array(z.string()).optional(),
  /** Aliases per container that must be present. */
  aliases: z.record(z.string(), z.array(z.string())).optional(),
  /** Fixed IPv4 address per container. */
  ips: z.record(z.string(), z.string()).optional(),
  ...common,
}).strict();

export type NetworkCheck = z.infer<typeof networkCheck>;
type NetInfo = NetworkDetails;
type ContainerInfo = ContainerDetails;
type Endpoint = NetworkEndpoint;

export interface NetworkSubject {
  net: NetInfo;
  /** Inspect JSON of the containers the check names (undefined = no such container). */
  containers: Map<string, ContainerInfo | undefined>;
}

function ipamConfigs(net: NetInfo): { Subnet?: string; Gateway?: string }[] {
  return net.IPAM?.Config ?? [];
}

function endpointOf(subject: NetworkSubject, container: string): Endpoint | undefined {
  const info = subject.containers.get(container);
  const networks = info?.NetworkSettings?.Networks ?? {};
  return networks[subject.net.Name] ?? Object.entries(networks).find(([, e]) => e.NetworkID === subject.net.Id)?.[1];
}

/** Names attached per the network (running endpoints), plus stopped containers configured on it. */
function attachedNames(subject: NetworkSubject): string[] {
  const names = new Set(Object.values(subject.net.Containers ?? {}).map((c) => c.Name));
  for (const [name, info] of subject.containers) if (info && endpointOf(subject, name)) names.add(name);
  return [...names];
}

/** Every container name the check refers to. */
export function namedContainers(check: NetworkCheck): string[] {
  return [...new Set([
    ...(check.containers ?? []), ...(check.notContainers ?? []), ...Object.keys(check.aliases ?? {}), ...Object.keys(check.ips ?? {}),
  ])];
}

function networkSpecs(check: NetworkCheck): PropSpec<NetworkSubject>[] {
  const name = check.network;
  const specs: PropSpec<NetworkSubject>[] = [];
  if (check.driver !== undefined) {
    const wanted = check.driver;
    specs.push(spec(t('driver'), wanted, ({ net }) => same(wanted, net.Driver)));
  }
  if (check.subnet !== undefined) {
    const wanted = check.subnet;
    specs.push(spec(t('subnet'), wanted, ({ net }) => {
      const subnets = ipamConfigs(net).map((c) => c.Subnet).filter((s): s is string => !!s);
      return { pass: subnets.includes(wanted), actual: subnets.length ? joinItems(subnets) : t('(none)'),
        hint: t('The subnet is fixed when the network is created: remove it and create it again with `--subnet {0}`.', wanted) };
    }));
  }
  if (check.gateway !== undefined) {
    const wanted = check.gateway;
    specs.push(spec(t('gateway'), wanted, ({ net }) => {
      const gateways = ipamConfigs(net).map((c) => c.Gateway).filter((g): g is string => !!g);
      return { pass: gateways.includes(wanted), actual: gateways.length ? joinItems(gateways) : t('(none)') };
    }));
  }
  if (check.internal !== undefined) {
    const expected = formatBool(check.internal);
    specs.push(spec(t('internal'), expected, ({ net }) => same(expected, formatBool(net.Internal))));
  }
  if (check.containers) {
    const wanted = check.containers;
    specs.push(spec(t('attached containers'), joinItems(wanted), (subject) => {
      const prop = subsetProp('', wanted, attachedNames(subject));
      const missing = wanted.filter((c) => !attachedNames(subject).includes(c));
      return { pass: prop.pass, actual: prop.actual, hint: missing.length ? t('Attach it with `docker network connect {0} {1}`, or start it with `--network {0}`.', name, missing[0]) : undefined };
    }));
  }
  if (check.notContainers) {
    const unwanted = check.notContainers;
    specs.push(spec(t('detached containers'), t('not {0}', joinItems(unwanted)), (subject) => {
      const attached = attachedNames(subject).filter((c) => unwanted.includes(c));
      return attached.length
        ? { pass: false, actual: t('still attached: {0}', joinItems(attached)), hint: t('Detach it with `docker network disconnect {0} {1}`.', name, attached[0]) }
        : { pass: true, actual: t('not attached') };
    }));
  }
  if (check.aliases) {
    const aliases = check.aliases;
    const expected = joinClauses(Object.entries(aliases).map(([c, list]) => `${c}: ${joinItems(list)}`));
    specs.push(spec(t('aliases'), expected, (subject) => {
      const problems: string[] = [];
      const seen: string[] = [];
      for (const [container, list] of Object.entries(aliases)) {
        const endpoint = endpointOf(subject, container);
        if (!subject.containers.get(container)) { problems.push(t('container {0} does not exist', container)); continue; }
        if (!endpoint) { problems.push(t('{0} is not attached', container)); continue; }
        const have = endpoint.Aliases ?? [];
        const missing = list.filter((a) => !have.includes(a));
        if (missing.length) problems.push(t('{0} lacks alias {1} (has {2})', container, joinItems(missing), have.length ? joinItems(have) : t('(none)')));
        else seen.push(`${container}: ${joinItems(list)}`);
      }
      return problems.length
        ? { pass: false, actual: joinClauses(problems), hint: t('Give the alias with `--network-alias` (docker run) or `--alias` (docker network connect).') }
        : { pass: true, actual: joinClauses(seen) };
    }));
  }
  if (check.ips) {
    const ips = check.ips;
    const expected = joinClauses(Object.entries(ips).map(([c, ip]) => `${c}: ${ip}`));
    specs.push(spec(t('IP addresses'), expected, (subject) => {
      const problems: string[] = [];
      const seen: string[] = [];
      for (const [container, ip] of Object.entries(ips)) {
        const endpoint = endpointOf(subject, container);
        if (!subject.containers.get(container)) { problems.push(t('container {0} does not exist', container)); continue; }
        if (!endpoint) { problems.push(t('{0} is not attached', container)); continue; }
        const actual = endpoint.IPAMConfig?.IPv4Address || endpoint.IPAddress || '';
        if (actual !== ip) problems.push(t('{0} has {1} (expected {2})', container, actual || t('(none)'), ip));
        else seen.push(`${container}: ${ip}`);
      }
      return problems.length
        ? { pass: false, actual: joinClauses(problems), hint: t('Fix the address with `--ip` on a network created with `--subnet`.') }
        : { pass: true, actual: joinClauses(seen) };
    }));
  }
  return specs;
}

/** Pure: judge a network check (subject undefined = no such network). */
export function networkOutcome(check: NetworkCheck, subject: NetworkSubject | undefined): Outcome {
  const name = check.network;
  if (check.absent) {
    return {
      pass: !subject,
      title: t('Network {0} is absent', name),
      expected: t('absent'),
      actual: subject ? t('present') : t('no such network'),
      hint: subject ? t('Remove it with `docker network rm {0}` (disconnect its containers first).', name) : undefined,
    };
  }
  const specs = networkSpecs(check);
  const noSuch = t('Create it with `docker network create {0}` (or run the step that creates it); list networks with `docker network ls`.', name);
  if (specs.length === 0) {
    const title = t('Network {0} exists', name);
    if (!subject) return missing({ pass: false, title, expected: t('exists'), actual: t('no such network'), hint: noSuch }, 'network', name);
    return { pass: true, title, expected: t('exists'), actual: t('present') };
  }
  const titleFor = (labels: string) => t('{0} of network {1}', labels, name);
  if (!subject) return missing(missingOutcome(titleFor, specs, t('no such network'), noSuch), 'network', name);
  return combine(titleFor, judgeAll(specs, subject));
}

export async function evaluateNetwork(check: NetworkCheck, lookup: Lookup): Promise<Outcome> {
  const net = await lookup.network(check.network);
  if (!net) return networkOutcome(check, undefined);
  const names = namedContainers(check);
  const infos = await Promise.all(names.map((n) => lookup.container(n)));
  return networkOutcome(check, { net, containers: new Map(names.map((n, i) => [n, infos[i]])) });
}

export const networkKind = defineKind({
  key: 'network',
  schema: networkCheck,
  evaluate: (check, { lookup }) => evaluateNetwork(check, lookup),
  describe: (check) => networkOutcome(check, undefined),
});
