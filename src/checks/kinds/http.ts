// `http:` checks: one GET/HEAD to a loopback URL per attempt (evaluate.ts retries until `within`, 5 s by default).
// Anything but loopback is refused here too, whatever the schema let through: checks never reach the network.
import * as http from 'http';
import * as https from 'https';
import * as z from 'zod';
import { t } from '../../i18n';
import { type Outcome, type Prop, combine } from '../describe';
import { describeTextMatch, hasTextMatch, matchText, pickTextMatch } from '../text';
import { type Attempt, common, defineKind, numberish, textMatch } from './common';
import { noSuchContainer } from './container';

export const httpCheck = z.object({
  http: z.object({
    /** Loopback only (127.0.0.1 / localhost / [::1]); the schema refuses other hosts. */
    url: z.string().regex(/^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/, { error: () => t('an http(s) URL on 127.0.0.1 / localhost') }),
    status: numberish.optional(),
    method: z.enum(['GET', 'HEAD']).optional(),
  }).extend(textMatch.shape).strict(),
  ...common,
}).strict();

export type HttpCheck = z.infer<typeof httpCheck>;

/** Bodies beyond this are cut: checks look for a phrase on a page, not at downloads. */
const MAX_BODY_BYTES = 1024 * 1024;
/** One request may take this long (less when the check's wait is nearly over); http and registry checks. */
export const HTTP_ATTEMPT_MS = 2000;
/** A server takes a moment to answer after its container starts: without `within`, wait this long. */
const HTTP_DEFAULT_WITHIN_MS = 5000;

/** The URL when it is http(s) on 127.0.0.0/8, localhost or [::1]; undefined otherwise. */
export function loopbackUrl(raw: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password) return undefined;
  const host = url.hostname;
  const loopback = host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  return loopback ? url : undefined;
}

export interface HttpAnswer {
  status: number;
  body: string;
}

/** What went wrong talking to the URL, in words. */
export function networkErrorText(error: unknown, timeoutMs: number): string {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'ECONNREFUSED') return t('connection refused');
  if (code === 'ECONNRESET' || code === 'EPIPE') return t('connection closed without an answer');
  if (code === 'ETIMEDOUT') return t('no answer within {0} ms', String(timeoutMs));
  return (error as Error)?.message ?? String(error);
}

/** One request; rejects with a network error, resolves with any status. */
export function httpRequest(url: URL, method: 'GET' | 'HEAD', timeoutMs: number, signal?: AbortSignal): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    // "localhost" may resolve to ::1 first while docker publishes `-p 127.0.0.1:…` on IPv4 only.
    const hostname = url.hostname === 'localhost' ? '127.0.0.1' : url.hostname.replace(/^\[|\]$/g, '');
    const request = transport.request({
      protocol: url.protocol, hostname, port: url.port || undefined, path: `${url.pathname}${url.search}`, method,
      headers: { host: url.host, 'user-agent': 'docker-lessons-check' }, signal,
      // Self-signed certificates are the norm on loopback practice servers.
      rejectUnauthorized: false, agent: false,
    }, (response) => {
      if (method === 'HEAD') {
        // Some servers (busybox httpd, the course's nginx stand-in) send a body after a HEAD answer; Node's parser
        // then fails with "Data after `Connection: close`" whenever the body arrives with the headers. The status
        // is all a HEAD check reads, so take it and hang up.
        resolve({ status: response.statusCode ?? 0, body: '' });
        request.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        if (size < MAX_BODY_BYTES) chunks.push(chunk);
        size += chunk.length;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.setTimeout(timeoutMs, () => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    request.on('error', reject);
    request.end();
  });
}

/** Pure: judge one answer (or the network error text). */
export function httpOutcome(check: HttpCheck['http'], answer: HttpAnswer | { error: string }): Outcome {
  const method = check.method ?? 'GET';
  const titleFor = () => t('HTTP {0} {1}', method, check.url);
  const wantedStatus = String(check.status ?? 200);
  const match = pickTextMatch(check);
  if ('error' in answer) {
    const props: Prop[] = [{ label: t('status'), expected: wantedStatus, actual: answer.error, pass: false }];
    if (hasTextMatch(match)) props.push({ label: t('body'), expected: describeTextMatch(match), actual: '', pass: false });
    return {
      ...combine(titleFor, props),
      actual: answer.error,
      hint: t('Nothing answered at {0}: is the container running and its port published? Check with `docker ps`.', check.url),
    };
  }
  const props: Prop[] = [{ label: t('status'), expected: wantedStatus, actual: String(answer.status), pass: String(answer.status) === wantedStatus }];
  if (hasTextMatch(match)) props.push({ label: t('body'), ...matchText(answer.body, match) });
  return combine(titleFor, props);
}

export function refusedOutcome(url: string): Outcome {
  return {
    pass: false,
    title: t('HTTP {0} {1}', 'GET', url),
    expected: t('a loopback URL'),
    actual: t('refused: checks only request 127.0.0.1, localhost or [::1]'),
    hint: t('Point the check at the port published on 127.0.0.1.'),
    final: true,
  };
}

export async function evaluateHttp(check: HttpCheck, timeoutMs: number, signal?: AbortSignal): Promise<Outcome> {
  const url = loopbackUrl(check.http.url);
  if (!url) return refusedOutcome(check.http.url);
  try {
    const answer = await httpRequest(url, check.http.method ?? 'GET', timeoutMs, signal);
    return httpOutcome(check.http, answer);
  } catch (error) {
    if (signal?.aborted) throw error;
    return httpOutcome(check.http, { error: networkErrorText(error, timeoutMs) });
  }
}

/**
 * Nothing answered while a container the step relies on is gone and no running container publishes the URL's port:
 * waiting cannot help, so the check fails at once naming the container (instead of a port or content hint).
 */
export async function serverGone(check: HttpCheck, outcome: Outcome, attempt: Attempt): Promise<Outcome> {
  const url = loopbackUrl(check.http.url);
  const names = attempt.ctx.stepContainers ?? [];
  if (outcome.pass || !url || names.length === 0) return outcome;
  const infos = await Promise.all(names.map((name) => attempt.lookup.container(name)));
  const gone = names.find((_, index) => !infos[index]);
  if (gone === undefined) return outcome;
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const served = (await attempt.lookup.engine.listContainers()).some((c) => c.ports.some((binding) => binding.publicPort === port));
  return served ? outcome : noSuchContainer(outcome.title, outcome.expected, gone);
}

export const httpKind = defineKind({
  key: 'http',
  schema: httpCheck,
  defaultWithinMs: HTTP_DEFAULT_WITHIN_MS,
  evaluate: async (check, attempt) => serverGone(check, await evaluateHttp(check, attempt.timeoutMs(HTTP_ATTEMPT_MS), attempt.ctx.signal), attempt),
  describe: (check) => ({ title: t('HTTP {0} {1}', check.http.method ?? 'GET', check.http.url), expected: '—' }),
});
