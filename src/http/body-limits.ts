/**
 * Request body limits for every route that reads a body and has none of its own, checked before
 * the body is read into memory (Content-Length when sent, else counted while streaming): a Worker
 * has 128 MB, and Cloudflare accepts request bodies up to 100 MB. The webhooks (1 MiB, their own
 * check in src/webhooks/read-body.ts) and the shopper page forms (src/portal/pages.tsx) are
 * limited where they are read; the shopper API's photo upload gets room for its photos.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from './errors';

/** One return photo, and how many one request may carry (the shopper API and the shopper page). */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
export const MAX_PHOTOS_PER_REQUEST = 6;

/** JSON documents and admin/survey forms: a policy with every rule is a few kB. */
export const JSON_BODY_BYTES = 1024 * 1024;
/** The shopper API's multipart photo upload. */
export const UPLOAD_BODY_BYTES = MAX_PHOTOS_PER_REQUEST * MAX_PHOTO_BYTES + 1024 * 1024;

const limit = (maxSize: number): MiddlewareHandler =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError('payload_too_large', `Request bodies here are limited to ${maxSize} bytes.`);
    },
  });
const small = limit(JSON_BODY_BYTES);
/**
 * The photo upload's limit, mounted by its route after the shopper token is checked: without a
 * Content-Length the limit counts while streaming, and it starts reading at once, so an unchecked
 * caller's 49 MB would be read before it was refused.
 */
export const uploadBodyLimit = limit(UPLOAD_BODY_BYTES);

/** Mounted on `/api/*`, `/admin/*` and `/survey/*`; the photo upload has its own (`uploadBodyLimit`). */
export const bodyLimits: MiddlewareHandler = (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
  if (c.req.method === 'POST' && /^\/api\/portal\/[^/]+\/photos$/.test(c.req.path)) return next();
  return small(c, next);
};
