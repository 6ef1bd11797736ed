import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids';
import { clockFor } from '../../src/sla/clock-client';
import { createShop } from '../helpers/factory';
import { caseRow, quickSla } from './clock-fixtures';
import { defaultPolicy } from '../../src/cases/policy-schema';

const post = (domain: string, body: unknown) =>
  exports.default.fetch(
    new Request('http://x/api/admin/sla/resync', {
      method: 'POST',
      headers: {
        authorization: 'Bearer test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm',
        'x-shop-domain': domain,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    }),
  );

async function addCase(shopId: string, status: string, n: number) {
  const id = newId('case');
  const at = Date.now();
  await env.DB.prepare(
    `INSERT INTO cases (id, shop_id, number, type, status, source, currency, created_at, updated_at) VALUES (?, ?, ?, 'return', ?, 'portal', 'USD', ?, ?)`,
  )
    .bind(id, shopId, n, status, at, at)
    .run();
  return id;
}

describe('POST /api/admin/sla/resync', () => {
  it('starts clocks for open cases, pauses waiting ones, stops closed ones, and ignores other shops', async () => {
    const shop = await createShop(env.DB, { policy: { ...defaultPolicy(), sla: quickSla() } });
    const other = await createShop(env.DB);
    const open = await addCase(shop.id, 'requested', 1);
    const waiting = await addCase(shop.id, 'waiting_on_customer', 2);
    const closed = await addCase(shop.id, 'closed', 3);
    const foreign = await addCase(other.id, 'requested', 4);
    const res = await post(shop.domain, { caseIds: [open, waiting, closed, foreign] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ resynced: 3, notFound: [foreign], armed: 1, failed: 0 });
    expect((await caseRow(open)).next_due_at).not.toBeNull();
    expect((await clockFor(env, waiting).state()).state!.pausedAt).not.toBeNull();
    expect(await clockFor(env, closed).state()).toMatchObject({ state: null, alarmAt: null }); // nothing to time
    expect((await clockFor(env, foreign).state()).state).toBeNull();
  });

  it('takes 200 ids in one request (more than D1 binds in one query)', async () => {
    const shop = await createShop(env.DB, { policy: { ...defaultPolicy(), sla: quickSla() } });
    const ids = [await addCase(shop.id, 'requested', 1), ...Array.from({ length: 199 }, (_, i) => `case_missing_${i}`)];
    const res = await post(shop.domain, { caseIds: ids });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ resynced: 1, armed: 1 });
  });

  it('answers 400 problem+json for a bad body and changes nothing', async () => {
    const shop = await createShop(env.DB);
    const res = await post(shop.domain, { caseIds: [] });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
