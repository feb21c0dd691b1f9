// `registry:` checks: the Registry HTTP API v2 on a loopback registry (GET /v2/_catalog, /v2/<repo>/tags/list).
import * as z from 'zod';
import { t } from '../../i18n';
import { type Outcome, joinItems } from '../describe';
import { common, defineKind, nonEmpty } from './common';
import { HTTP_ATTEMPT_MS, type HttpAnswer, httpRequest, loopbackUrl, networkErrorText } from './http';

export const registryCheck = z.object({
  registry: z.object({
    url: z.string().regex(/^https?:\/\/(127\.\d+\.\d+\.\d+|localhost)(:\d+)?\/?$/, { error: () => t('a registry URL on 127.0.0.1') }),
    repository: nonEmpty,
    tag: z.string().optional(),
  }).strict(),
  ...common,
}).strict();

export type RegistryCheck = z.infer<typeof registryCheck>;

export interface RegistryAnswers {
  catalog: HttpAnswer | { error: string };
  /** Only when the check names a tag and the repository is in the catalog. */
  tags?: HttpAnswer | { error: string };
}

function listFrom(answer: HttpAnswer, key: 'repositories' | 'tags'): string[] | undefined {
  if (answer.status !== 200) return undefined;
  try {
    const value = (JSON.parse(answer.body) as Record<string, unknown>)[key];
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return undefined;
  }
}

function base(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Pure: judge the registry's answers. */
export function registryOutcome(check: RegistryCheck['registry'], answers: RegistryAnswers): Outcome {
  const { url, repository, tag } = check;
  const title = tag ? t('Tag {0} of {1} in the registry at {2}', tag, repository, url) : t('Repository {0} in the registry at {1}', repository, url);
  const expected = tag ? `${repository}:${tag}` : repository;
  const pushHint = t('Tag the image as {0}/{1} and push it with `docker push`.', base(url).replace(/^https?:\/\//, ''), expected);
  const unreachable = (answer: { error: string } | HttpAnswer) => ({
    pass: false, title, expected,
    actual: 'error' in answer ? t('no registry answers at {0} ({1})', url, answer.error) : t('the registry answered {0}', String(answer.status)),
    hint: t('Start the registry container first (`docker run -d -p 5000:5000 registry`) and check the port.'),
  });
  if ('error' in answers.catalog) return unreachable(answers.catalog);
  const repositories = listFrom(answers.catalog, 'repositories');
  if (!repositories) return unreachable(answers.catalog);
  if (!repositories.includes(repository)) {
    return { pass: false, title, expected, actual: t('not in the catalog ({0})', repositories.length ? joinItems(repositories) : t('empty')), hint: pushHint };
  }
  if (!tag) return { pass: true, title, expected, actual: t('in the catalog') };
  if (!answers.tags || 'error' in answers.tags) return unreachable(answers.tags ?? { error: '?' });
  const tags = listFrom(answers.tags, 'tags') ?? [];
  const pass = tags.includes(tag);
  return { pass, title, expected, actual: pass ? t('tag present') : t('tags: {0}', tags.length ? joinItems(tags) : t('(none)')), hint: pass ? undefined : pushHint };
}

async function get(url: URL, timeoutMs: number, signal?: AbortSignal): Promise<HttpAnswer | { error: string }> {
  try {
    return await httpRequest(url, 'GET', timeoutMs, signal);
  } catch (error) {
    if (signal?.aborted) throw error;
    return { error: networkErrorText(error, timeoutMs) };
  }
}

export async function evaluateRegistry(check: RegistryCheck, timeoutMs: number, signal?: AbortSignal): Promise<Outcome> {
  const { url, repository, tag } = check.registry;
  const root = loopbackUrl(url);
  if (!root) {
    return { pass: false, title: t('Repository {0} in the registry at {1}', repository, url), expected: repository,
      actual: t('refused: checks only request 127.0.0.1, localhost or [::1]'), hint: t('Point the check at the port published on 127.0.0.1.'), final: true };
  }
  const catalog = await get(new URL('/v2/_catalog', root), timeoutMs, signal);
  let tags: RegistryAnswers['tags'];
  if (tag && !('error' in catalog) && listFrom(catalog, 'repositories')?.includes(repository)) {
    tags = await get(new URL(`/v2/${repository}/tags/list`, root), timeoutMs, signal);
  }
  return registryOutcome(check.registry, { catalog, tags });
}

export const registryKind = defineKind({
  key: 'registry',
  schema: registryCheck,
  evaluate: (check, { timeoutMs, ctx }) => evaluateRegistry(check, timeoutMs(HTTP_ATTEMPT_MS), ctx.signal),
  describe: ({ registry: { repository, url } }) => ({ title: t('Repository {0} in the registry at {1}', repository, url), expected: repository }),
});
