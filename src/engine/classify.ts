// Turn whatever dockerode / node's http / ssh2 threw into an EngineError with a message that says what to do.
import { t } from '../i18n';
import { EngineError } from './errors';
import type { Endpoint } from './types';

const UNREACHABLE_CODES = new Set([
  'ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENOTFOUND',
  'EAI_AGAIN', 'EPIPE', 'ENOTSOCK', 'ECONNABORTED',
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ABORT_ERR']);
const PERMISSION_CODES = new Set(['EACCES', 'EPERM']);

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  statusCode?: unknown;
  json?: unknown;
  cause?: unknown;
  level?: unknown;
}

export function classifyError(err: unknown, endpoint: Endpoint): EngineError {
  if (err instanceof EngineError) return err;
  const known = classifyKnown(err, endpoint);
  if (known) return known;
  // Wrapped errors (e.g. an abort whose cause is the real failure) may still be recognisable underneath.
  const cause = (err as ErrorLike | undefined)?.cause;
  const inner = typeof cause === 'object' && cause !== null && cause !== err ? classifyKnown(cause, endpoint) : undefined;
  if (inner) return inner;
  // Anything else failed before the engine answered: treat it as a connection problem, keeping the detail.
  const message = err instanceof Error ? err.message : String(err);
  return new EngineError('unreachable', t('Cannot talk to the Docker engine at {0}: {1}', endpoint.url, message),
    endpoint.url, undefined, message || undefined, { cause: err });
}

/**
 * The engine cannot be reached at all (not running, killed, its socket gone or refused, a bad address): a check will not
 * pass by waiting and a step's failure is the engine's, not the learner's. An engine merely slow to answer is not gone.
 */
export function engineGone(error: unknown): boolean {
  if (!(error instanceof EngineError)) return false;
  if (error.code === 'permission-denied' || error.code === 'bad-host') return true;
  return error.code === 'unreachable' && !isTimeout(error.cause as ErrorLike | undefined);
}

function isTimeout(e: ErrorLike | undefined): boolean {
  return e?.name === 'AbortError' || e?.name === 'TimeoutError' || (typeof e?.code === 'string' && TIMEOUT_CODES.has(e.code));
}

export function unreachableMessage(where: string): string {
  return t(
    'Cannot reach the Docker engine at {0}. Is the Docker daemon running? Start it (e.g. `sudo systemctl start docker`) or check DOCKER_HOST / the dockerLessons.host setting.',
    where);
}

function classifyKnown(err: unknown, endpoint: Endpoint): EngineError | undefined {
  if (err instanceof EngineError) return err;
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as ErrorLike;
  const where = endpoint.url;
  const options = { cause: err };

  if (typeof e.statusCode === 'number') {
    const status = e.statusCode;
    const engineMessage = engineMessageOf(e);
    if (status === 404) {
      return new EngineError('not-found', t('Not found: {0}', engineMessage), where, status, engineMessage, options);
    }
    if (status === 409) {
      return new EngineError('conflict', t(
        'Conflict: {0}. A name may already be taken, an object may still be in use, or a container may not be running: check with `docker ps -a` and try again.',
        engineMessage), where, status, engineMessage, options);
    }
    return new EngineError('api', t('The Docker engine refused the request (HTTP {0}): {1}', status, engineMessage),
      where, status, engineMessage, options);
  }

  const code = typeof e.code === 'string' ? e.code : undefined;
  const message = typeof e.message === 'string' ? e.message : '';

  if (code && PERMISSION_CODES.has(code)) {
    return new EngineError('permission-denied', t(
      'Permission denied on the Docker socket {0}. Add your user to the docker group (`sudo usermod -aG docker $USER`, then log in again) or use rootless Docker. Do not chmod the socket.',
      endpoint.socketPath ?? where), where, undefined, undefined, options);
  }
  if (isTimeout(e)) {
    return new EngineError('unreachable', t(
      'The Docker engine at {0} did not answer in time. Is the Docker daemon running and responsive? Check DOCKER_HOST / the dockerLessons.host setting.',
      where), where, undefined, undefined, options);
  }
  if ((code && UNREACHABLE_CODES.has(code)) || /socket hang up/i.test(message)) {
    return new EngineError('unreachable', unreachableMessage(where), where, undefined, undefined, options);
  }
  // ssh2 reports refused logins with a `level`, not a code.
  if (e.level === 'client-authentication') {
    return new EngineError('permission-denied', t(
      'The SSH login to {0} was refused. Check the user name and that your SSH key is loaded in ssh-agent (SSH_AUTH_SOCK).',
      where), where, undefined, undefined, options);
  }
  return undefined;
}

/** The engine's own words: json.message, else the tail of dockerode's "(HTTP code N) reason - message". */
function engineMessageOf(e: ErrorLike): string {
  const json = e.json;
  if (Buffer.isBuffer(json)) {
    if (json.length > 0) return json.toString('utf8').trim();
  } else if (json && typeof json === 'object') {
    const m = (json as { message?: unknown }).message;
    if (typeof m === 'string' && m) return m.trim();
  }
  const message = typeof e.message === 'string' ? e.message : '';
  const dash = message.indexOf(' - ');
  return (dash >= 0 ? message.slice(dash + 3) : message).trim();
}
