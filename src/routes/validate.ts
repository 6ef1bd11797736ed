import type * as z from 'zod';
import { AppError } from '../http/errors';

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

export async function jsonBody(req: { json(): Promise<unknown> }): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new AppError('bad_request', 'The body must be JSON.');
  }
}
