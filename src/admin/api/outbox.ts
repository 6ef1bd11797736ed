import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import * as z from 'zod';
import { AppError } from '../../http/errors';
import type { AppBindings } from '../../http/types';
import { listFailedJobs, listOutbox } from '../../notifications/outbox-queries';

const invalid = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) => {
  if (!result.success) {
    const detail = (result.error?.issues ?? [])
      .map((i) => `${i.path.map(String).join('.') || 'query'}: ${i.message}`)
      .join('; ');
    throw new AppError('validation_failed', detail || 'Invalid request.');
  }
};

const outboxQuery = z.object({
  status: z.enum(['queued', 'sending', 'sent', 'failed', 'cancelled']).optional(),
  kind: z
    .string()
    .max(64)
    .regex(/^[a-z_.-]+$/)
    .optional(),
  caseId: z.string().max(64).optional(),
  /** Cursor: the `id` of the last item of the previous page (ids are time-ordered). */
  before: z
    .string()
    .max(64)
    .regex(/^ntf_[0-9A-Z]{26}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

const failuresQuery = z.object({
  status: z.enum(['retrying', 'dead', 'resolved']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/**
 * `/api/admin/outbox`: the shop's outgoing messages with rendered subject and bodies, newest first
 * (in local dev this IS the mailbox); `/api/admin/jobs/failures`: jobs that failed or died, with errors.
 */
export const outboxAdmin = new Hono<AppBindings>();

outboxAdmin.get('/outbox', zValidator('query', outboxQuery, invalid), async (c) => {
  return c.json(await listOutbox(c.get('services'), c.get('shopId'), c.req.valid('query')));
});

outboxAdmin.get('/jobs/failures', zValidator('query', failuresQuery, invalid), async (c) => {
  return c.json(await listFailedJobs(c.get('services'), c.get('shopId'), c.req.valid('query')));
});
