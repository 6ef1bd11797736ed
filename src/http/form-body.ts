import type { Context } from 'hono';
import { AppError } from './errors';

export type FormBody = Record<string, string | File | Array<string | File>>;

/**
 * The request's form fields (urlencoded or multipart; any other content type gives `{}`, as Hono's
 * `parseBody` does). A body the runtime cannot parse — multipart without its boundary or cut short,
 * urlencoded declared in a non-UTF-8 charset — makes `parseBody` throw a TypeError, which would
 * surface as a 500; it is the sender's fault, so it is a 400 here.
 * @param all keep every value of a repeated field (as an array), not only the last
 */
export async function readForm(c: Context, all = false): Promise<FormBody> {
  try {
    return await c.req.parseBody({ all });
  } catch (err) {
    if (err instanceof TypeError)
      throw new AppError('bad_request', 'The form could not be read; reload the page and send it again.', {
        cause: err,
        why: { code: 'form_unreadable' },
      });
    throw err;
  }
}
