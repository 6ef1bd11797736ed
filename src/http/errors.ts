import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { CommandErrorWhy } from '../lib/command-errors';

/** Every failure the caller can act on has a code; the code alone decides the HTTP status. */
export const errorStatus = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  invalid_signature: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  upstream_unavailable: 503,
  misconfigured: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof errorStatus;

const titles: Record<ErrorCode, string> = {
  bad_request: 'Bad request',
  validation_failed: 'Validation failed',
  unauthorized: 'Unauthorized',
  invalid_signature: 'Invalid signature',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  unprocessable: 'Unprocessable request',
  rate_limited: 'Too many requests',
  internal: 'Internal error',
  upstream_unavailable: 'Upstream unavailable',
  misconfigured: 'Service misconfigured',
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly extra: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;
  /** The refusal's stable code, for a screen to say it in the member's language (never sent by the API). */
  readonly why: CommandErrorWhy | undefined;

  constructor(
    code: ErrorCode,
    detail: string,
    options: {
      extra?: Record<string, unknown>;
      headers?: Record<string, string>;
      cause?: unknown;
      why?: CommandErrorWhy;
    } = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.extra = options.extra;
    this.headers = options.headers;
    this.why = options.why;
  }

  get status(): ContentfulStatusCode {
    return errorStatus[this.code];
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  requestId?: string;
  [key: string]: unknown;
}

export function toProblem(error: AppError, requestId?: string): Problem {
  return {
    type: `https://aftercare.dev/problems/${error.code.replaceAll('_', '-')}`,
    title: titles[error.code],
    status: error.status,
    detail: error.message,
    code: error.code,
    ...(requestId ? { requestId } : {}),
    ...error.extra,
  };
}

/** Renders an error as `application/problem+json` (RFC 9457) carrying the request id. */
export function problemResponse(c: Context, error: AppError): Response {
  const requestId = c.get('requestId') as string | undefined;
  const headers = new Headers({ 'content-type': 'application/problem+json; charset=utf-8' });
  for (const [k, v] of Object.entries(error.headers ?? {})) headers.set(k, v);
  if (requestId) headers.set('x-request-id', requestId);
  return new Response(JSON.stringify(toProblem(error, requestId)), { status: error.status, headers });
}
