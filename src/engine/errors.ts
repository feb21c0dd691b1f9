// Typed engine errors. The welcome view, the CLI and the checks pick their message by `code`,
// so every failure to talk to Docker must end up as one of these.

export type EngineErrorCode =
  /** Nothing listens at the endpoint (ENOENT / ECONNREFUSED / timeout): the daemon is not running. */
  | 'unreachable'
  /** The socket exists but we may not open it (EACCES / EPERM). */
  | 'permission-denied'
  /** DOCKER_HOST or the setting could not be parsed, or names an unsupported scheme. */
  | 'bad-host'
  /** The engine answered with an error status. */
  | 'api'
  /** The engine answered 404 for an object. */
  | 'not-found'
  /** 409: name already in use, or object in use. */
  | 'conflict';

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    /** The endpoint URL we tried, for messages. */
    readonly endpointUrl?: string,
    /** HTTP status for api/not-found/conflict. */
    readonly statusCode?: number,
    /** The engine's own message (json.message), untouched. */
    readonly engineMessage?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EngineError';
  }
}

export function isEngineError(value: unknown): value is EngineError {
  return value instanceof EngineError;
}
