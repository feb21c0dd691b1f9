// `service:` checks over GET /services/{name} and GET /tasks (swarm mode).
import * as z from 'zod';
import type { ServiceDetails, TaskDetails } from '../../engine/types';
import { t } from '../../i18n';
import { type Outcome, combine, joinItems, normalizeImageRef } from '../describe';
import type { Lookup } from '../lookup';
import { type PropSpec, judgeAll, missingOutcome, same, spec } from '../props';
import { common, defineKind, missing, nonEmpty, numberish } from './common';
import { swarmOffHint } from './swarm';

export const serviceCheck = z.object({
  service: nonEmpty,
  absent: z.boolean().optional(),
  replicas: numberish.optional(),
  /** Running tasks at least / exactly this many, waited for with `within`. */
  runningTasks: numberish.optional(),
  image: z.string().optional(),
  publishedPort: numberish.optional(),
  ...common,
}).strict();

export type ServiceCheck = z.infer<typeof serviceCheck>;

export function noSuchServiceHint(name: string): string {
  return t('Create it with `docker service create --name {0} …` (swarm mode must be active); list services with `docker service ls`.', name);
}

export interface ServiceSubject {
  service: ServiceDetails;
  tasks: TaskDetails[];
}

function publishedPorts(service: ServiceDetails): number[] {
  const ports = service.Endpoint?.Ports ?? service.Spec?.EndpointSpec?.Ports ?? [];
  return ports.map((p) => p.PublishedPort).filter((p): p is number => typeof p === 'number');
}

function serviceSpecs(check: ServiceCheck): PropSpec<ServiceSubject>[] {
  const specs: PropSpec<ServiceSubject>[] = [];
  if (check.replicas !== undefined) {
    const wanted = check.replicas;
    specs.push(spec(t('replicas'), String(wanted), ({ service }) => {
      const replicated = service.Spec?.Mode?.Replicated;
      if (!replicated) return { pass: false, actual: t('global mode (one task per node)') };
      return { ...same(String(wanted), String(replicated.Replicas ?? 0)), hint: t('Scale it with `docker service scale {0}={1}`.', check.service, String(wanted)) };
    }));
  }
  if (check.runningTasks !== undefined) {
    const wanted = check.runningTasks;
    specs.push(spec(t('running tasks'), String(wanted), ({ tasks }) => {
      const running = tasks.filter((task) => task.Status?.State === 'running').length;
      const errors = [...new Set(tasks.map((task) => task.Status?.Err).filter((e): e is string => !!e))];
      const actual = errors.length ? `${running} — ${joinItems(errors.slice(0, 2))}` : String(running);
      return { pass: running === wanted, actual, hint: t('Tasks take a moment to start; see their state with `docker service ps {0}`.', check.service) };
    }));
  }
  if (check.image !== undefined) {
    const wanted = check.image;
    specs.push(spec(t('image'), wanted, ({ service }) => {
      // The spec pins the image by digest ("nginx:latest@sha256:…"); the lesson names the tag.
      const actual = service.Spec?.TaskTemplate?.ContainerSpec?.Image ?? '';
      return { pass: normalizeImageRef(actual) === normalizeImageRef(wanted), actual: actual.split('@')[0] || t('(not set)') };
    }));
  }
  if (check.publishedPort !== undefined) {
    const wanted = check.publishedPort;
    specs.push(spec(t('published port'), String(wanted), ({ service }) => {
      const ports = publishedPorts(service);
      return { pass: ports.includes(wanted), actual: ports.length ? joinItems(ports.map(String)) : t('(none)'),
        hint: t('Publish it with `docker service update --publish-add {0}:<port> {1}`.', String(wanted), check.service) };
    }));
  }
  return specs;
}

/** Pure: judge a service check (subject undefined = no such service). */
export function serviceOutcome(check: ServiceCheck, subject: ServiceSubject | undefined): Outcome {
  const name = check.service;
  if (check.absent) {
    return {
      pass: !subject, title: t('Service {0} is absent', name), expected: t('absent'),
      actual: subject ? t('present') : t('no such service'),
      hint: subject ? t('Remove it with `docker service rm {0}`.', name) : undefined,
    };
  }
  const specs = serviceSpecs(check);
  if (specs.length === 0) {
    const title = t('Service {0} exists', name);
    if (!subject) return missing({ pass: false, title, expected: t('exists'), actual: t('no such service'), hint: noSuchServiceHint(name) }, 'service', name);
    return { pass: true, title, expected: t('exists'), actual: t('present') };
  }
  const titleFor = (labels: string) => t('{0} of service {1}', labels, name);
  if (!subject) return missing(missingOutcome(titleFor, specs, t('no such service'), noSuchServiceHint(name)), 'service', name);
  return combine(titleFor, judgeAll(specs, subject));
}

export async function evaluateService(check: ServiceCheck, lookup: Lookup): Promise<Outcome> {
  // Outside swarm mode the service API answers 503; that simply means "no such service" here.
  const info = await lookup.info();
  if (info.swarm !== 'active') {
    const outcome = serviceOutcome(check, undefined);
    if (check.absent) return outcome;
    // Not the service's step to blame: swarm mode is off.
    return { ...outcome, missing: undefined, actual: t('no such service (swarm mode is {0})', info.swarm || 'inactive'), hint: swarmOffHint() };
  }
  const service = await lookup.service(check.service);
  if (!service) return serviceOutcome(check, undefined);
  const tasks = check.runningTasks !== undefined ? await lookup.serviceTasks(service.ID) : [];
  return serviceOutcome(check, { service, tasks });
}

export const serviceKind = defineKind({
  key: 'service',
  schema: serviceCheck,
  evaluate: (check, { lookup }) => evaluateService(check, lookup),
  describe: (check) => serviceOutcome(check, undefined),
});
