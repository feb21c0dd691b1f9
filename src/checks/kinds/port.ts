// `port:` checks: is a container port published on the host (and on which port), or only exposed?
import * as z from 'zod';
import type { ContainerDetails, HostPortBinding, PortMap } from '../../engine/types';
import { t } from '../../i18n';
import { type Outcome, joinItems, portKey } from '../describe';
import type { Lookup } from '../lookup';
import { common, defineKind, nonEmpty, numberish, portSpec } from './common';
import { noSuchContainer } from './container';

export const portCheck = z.object({
  port: z.object({
    container: nonEmpty,
    private: portSpec,
    public: numberish.optional(),
    /** false: exposed but not published. */
    published: z.boolean().optional(),
  }).strict(),
  ...common,
}).strict();

export type PortCheck = z.infer<typeof portCheck>;
type Info = ContainerDetails;
type Binding = HostPortBinding;

/** Bindings of one container port: the live ones of a running container, else the configured ones. */
export function portBindings(info: Info, key: string): Binding[] {
  const live = info.NetworkSettings?.Ports?.[key];
  if (info.State.Running && live?.length) return live;
  const configured = info.HostConfig?.PortBindings?.[key];
  return configured ?? live ?? [];
}

function isExposed(info: Info, key: string): boolean {
  return key in (info.Config.ExposedPorts ?? {})
    || key in (info.NetworkSettings?.Ports ?? {})
    || key in (info.HostConfig?.PortBindings ?? {});
}

function bindingText(binding: Binding): string {
  const host = binding.HostIp || '0.0.0.0';
  const ip = host.includes(':') ? `[${host}]` : host;
  return `${ip}:${binding.HostPort || t('(random port on start)')}`;
}

/** Every published port of the container, e.g. "8081->80/tcp", for "published instead" hints. */
function allPublished(info: Info): string[] {
  const result = new Set<string>();
  const sources: (PortMap | null | undefined)[] = [info.NetworkSettings?.Ports, info.HostConfig?.PortBindings];
  for (const source of sources) {
    for (const [key, bindings] of Object.entries(source ?? {})) {
      for (const binding of bindings ?? []) if (binding.HostPort) result.add(`${binding.HostPort}->${key}`);
    }
  }
  return [...result];
}

/** Pure: judge a port check against the inspect JSON (undefined = no such container). */
export function portOutcome(check: PortCheck, info: Info | undefined): Outcome {
  const { container, published, public: publicPort } = check.port;
  const key = portKey(check.port.private);
  const privateNumber = key.split('/')[0];
  const title = t('Port {0} of container {1}', key, container);
  const expected = published === false ? t('exposed, not published')
    : publicPort !== undefined ? t('published on host port {0}', String(publicPort))
      : t('published on a host port');
  if (!info) return noSuchContainer(title, expected, container);

  const bindings = portBindings(info, key);
  const hostPorts = [...new Set(bindings.map((b) => b.HostPort).filter((p): p is string => !!p))];
  const exposed = isExposed(info, key);
  let actual: string;
  if (bindings.length) actual = t('published on {0}', joinItems([...new Set(bindings.map(bindingText))]));
  else if (exposed) actual = t('exposed, not published');
  else {
    const others = allPublished(info);
    actual = others.length ? t('not exposed (published: {0})', joinItems(others)) : t('not exposed');
  }

  if (published === false) {
    const pass = exposed && bindings.length === 0;
    const hint = bindings.length ? t('Create the container without -p/-P for port {0}.', key)
      : t('Declare the port with EXPOSE in the Dockerfile or --expose on `docker run`.');
    return { pass, title, expected, actual, hint: pass ? undefined : hint };
  }
  if (publicPort !== undefined) {
    const pass = hostPorts.includes(String(publicPort));
    let hint: string | undefined;
    if (!pass && hostPorts.length) hint = t('Port {0} is published on host port {1} instead of {2}.', key, joinItems(hostPorts), String(publicPort));
    else if (!pass) {
      const others = allPublished(info);
      hint = others.length
        ? t('Port {0} is not published; this container publishes {1}. Recreate it with `-p {2}:{3}`.', key, joinItems(others), String(publicPort), privateNumber)
        : t('Port {0} is not published. Recreate the container with `-p {1}:{2}`.', key, String(publicPort), privateNumber);
    }
    return { pass, title, expected, actual, hint };
  }
  const pass = bindings.length > 0;
  return {
    pass, title, expected, actual,
    hint: pass ? undefined : t('Port {0} is not published. Recreate the container with `-p <host port>:{1}` or `-P`.', key, privateNumber),
  };
}

export async function evaluatePort(check: PortCheck, lookup: Lookup): Promise<Outcome> {
  return portOutcome(check, await lookup.container(check.port.container));
}

export const portKind = defineKind({
  key: 'port',
  schema: portCheck,
  evaluate: (check, { lookup }) => evaluatePort(check, lookup),
  describe: (check) => portOutcome(check, undefined),
});
