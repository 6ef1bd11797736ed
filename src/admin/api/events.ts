import { zValidator } from '@hono/zod-validator';
import { Hono, type Context } from 'hono';
import * as z from 'zod';
import { AppError } from '../../http/errors';
import type { AppBindings } from '../../http/types';
import { getShopEvent, listShopEvents, replayEvent } from '../../events/admin-events';

const invalid = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) => {
  if (!result.success) {
    const detail = (result.error?.issues ?? [])
      .map((i) => `${i.path.map(String).join('.') || 'query'}: ${i.message}`)
      .join('; ');
    throw new AppError('validation_failed', detail || 'Invalid request.');
  }
};

const listQuery = z.object({
  status: z.enum(['received', 'processed', 'failed', 'ignored']).optional(),
  topic: z.string().max(100).optional(),
  before: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const idParam = z.object({ id: z.string().regex(/^evt_[0-9A-Z]{26}$/) });

/**
 * `/api/admin/events`: the shop's stored webhook events (`?status=failed` are the dead letters),
 * one event with its raw body and headers, and a replay that re-applies it now.
 */
export const eventsAdmin = new Hono<AppBindings>();

const shopOf = (c: Context<AppBindings>) => ({ id: c.get('shopId'), domain: c.get('shopDomain') });

eventsAdmin.get('/events', zValidator('query', listQuery, invalid), async (c) => {
  const q = c.req.valid('query');
  return c.json(await listShopEvents(c.get('services'), shopOf(c), q));
});

eventsAdmin.get('/events/:id', zValidator('param', idParam, invalid), async (c) => {
  const event = await getShopEvent(c.get('services'), shopOf(c), c.req.valid('param').id);
  if (!event) throw new AppError('not_found', 'No such event for this shop.');
  return c.json({ event });
});

eventsAdmin.post('/events/:id/replay', zValidator('param', idParam, invalid), async (c) => {
  const s = c.get('services');
  const event = await getShopEvent(s, shopOf(c), c.req.valid('param').id);
  if (!event) throw new AppError('not_found', 'No such event for this shop.');
  const result = await replayEvent(s, event);
  const after = await getShopEvent(s, shopOf(c), event.id);
  return c.json({
    result,
    event: after ? { id: after.id, status: after.status, attempts: after.attempts, lastError: after.lastError } : null,
  });
});
