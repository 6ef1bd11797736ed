import type * as z from 'zod';
import { AppError } from '../../http/errors';

/** Parses with zod; a failure is a 400 problem naming each bad field (never a 5xx). */
export function parseOr400<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError('validation_failed', `${what} is not valid.`, {
      extra: { errors: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
    });
  }
  return result.data;
}

/**
 * The body of a JSON writer: `Content-Type: application/json` (or `+json`, UTF-8) or a 415; JSON
 * sent under another media type (a form post, `text/plain`) is refused, not guessed at.
 */
export async function jsonBody(req: {
  json(): Promise<unknown>;
  header(name: string): string | undefined;
}): Promise<unknown> {
  const [type = '', ...params] = (req.header('content-type') ?? '')
    .toLowerCase()
    .split(';')
    .map((p) => p.trim());
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice(8)
    .replace(/"/g, '');
  if (
    !(type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type)) ||
    (charset && charset !== 'utf-8' && charset !== 'utf8')
  ) {
    throw new AppError('unsupported_media_type', 'Send the body as Content-Type: application/json (UTF-8).');
  }
  try {
    return await req.json();
  } catch {
    throw new AppError('bad_request', 'The body must be JSON.');
  }
}
