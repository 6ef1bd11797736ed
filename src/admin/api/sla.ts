/**
 * `POST /api/admin/sla/resync` `{ "caseIds": [...] }` (at most 200): re-creates each case's clock
 * from its row, for cases whose `sla` effect was lost, cases imported in bulk, and the scale bench.
 * `GET /api/admin/sla/clocks/:caseId`: what the clock holds (deadlines, alarm) for support.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import * as z from 'zod';
import { cases } from '../../db/schema';
import { findShopById, shopPolicy } from '../../db/shops';
import { AppError } from '../../http/errors';
import type { AppBindings } from '../../http/types';
import { jsonBody, parseOr400 } from './validate';
import { clockState, resyncCases, type ResyncRow } from '../../sla/clock-client';

export const slaApi = new Hono<AppBindings>();

const resyncBody = z.object({ caseIds: z.array(z.string().min(1).max(64)).min(1).max(200) });

slaApi.post('/sla/resync', async (c) => {
  const { caseIds } = parseOr400(resyncBody, await jsonBody(c.req), 'The body');
  const s = c.get('services');
  const shopId = c.get('shopId');
  const shop = await findShopById(s, shopId);
  if (!shop) throw new AppError('not_found', 'No such shop.');
  const sla = shopPolicy(shop).sla;
  // D1 binds at most 100 parameters per query: look the ids up 90 at a time.
  const unique = [...new Set(caseIds)];
  const rows: ResyncRow[] = [];
  for (let i = 0; i < unique.length; i += 90) {
    rows.push(
      ...(await s
        .db(shopId)
        .select({
          id: cases.id,
          status: cases.status,
          priority: cases.priority,
          tier: cases.tier,
          assignee: cases.assignee,
          createdAt: cases.createdAt,
          slaPausedAt: cases.slaPausedAt,
          updatedAt: cases.updatedAt,
        })
        .from(cases)
        .where(and(eq(cases.shopId, shopId), inArray(cases.id, unique.slice(i, i + 90))))
        .all()),
    );
  }
  const { armed, failed } = await resyncCases(s, shopId, rows, sla);
  // A clock that still failed after its retries is counted, not hidden: the caller retries those ids.
  return c.json({
    resynced: rows.length - failed,
    notFound: caseIds.filter((id) => !rows.some((r) => r.id === id)),
    armed,
    failed,
  });
});

slaApi.get('/sla/clocks/:caseId', async (c) => {
  const s = c.get('services');
  const row = await s
    .db(c.get('shopId'))
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.shopId, c.get('shopId')), eq(cases.id, c.req.param('caseId'))))
    .get();
  if (!row) throw new AppError('not_found', 'No such case.');
  const snap = await clockState(s, row.id);
  return c.json({
    caseId: row.id,
    alarmAt: snap.alarmAt,
    nextDueAt: snap.nextDueAt,
    state: snap.state && { ...snap.state, sla: undefined },
  });
});
