/**
 * Webhook group commit against `wrangler dev`, where workerd resolves one request's promise in
 * another's context as production does (the vitest pool turns that off; see vitest.config.mts).
 * A burst of concurrent signed deliveries, with one delivery repeated: every distinct one answered
 * 200 once as new, each stored exactly once, and every stored event applied by the consumer.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { shopifyOrderCreate, type SignedRequest } from '../../bench/payloads';
import { adminToken, startHarness, type Harness } from './harness';

const ADMIN = {
  authorization: `Bearer ${adminToken()}`,
  'x-shop-domain': 'demo-shop.myshopify.com',
  accept: 'application/json',
};
let h: Harness;

before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.stop();
});

async function send(r: SignedRequest): Promise<{ status: number; duplicate?: boolean }> {
  const res = await fetch(h.baseUrl + r.path, { method: 'POST', headers: r.headers, body: r.body });
  const body = (await res.json()) as { duplicate?: boolean };
  return { status: res.status, duplicate: body.duplicate };
}

/** Every stored orders/create event of the demo shop, by status (pages through the admin API). */
async function eventStatuses(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let beforeId: string | null = null;
  do {
    const url = `${h.baseUrl}/api/admin/events?topic=orders/create&limit=100${beforeId ? `&before=${beforeId}` : ''}`;
    const page = (await (await fetch(url, { headers: ADMIN })).json()) as {
      events: Array<{ status: string }>;
      next: string | null;
    };
    for (const e of page.events) counts[e.status] = (counts[e.status] ?? 0) + 1;
    beforeId = page.next;
  } while (beforeId);
  return counts;
}

test('200 concurrent deliveries plus 20 copies of one: each stored once, answered once as new, all applied', async () => {
  const distinct = Array.from({ length: 200 }, (_, i) => shopifyOrderCreate(7_000_000 + i));
  const repeated = shopifyOrderCreate(7_999_999); // one delivery id, sent 20 times at once
  const copies = Array.from({ length: 20 }, () => repeated);
  const results = await Promise.all([...distinct, ...copies].map(send));
  assert.deepEqual(
    results.filter((r) => r.status !== 200),
    [],
    'every delivery answered 200',
  );
  assert.equal(results.slice(0, 200).filter((r) => r.duplicate === false).length, 200, 'each distinct delivery is new');
  assert.equal(
    results.slice(200).filter((r) => r.duplicate === false).length,
    1,
    'the repeated delivery is new exactly once',
  );

  let statuses: Record<string, number> = {};
  for (let i = 0; i < 240; i++) {
    statuses = await eventStatuses();
    if (!statuses.received) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  assert.deepEqual(statuses, { processed: 201 }, 'every stored event applied, none left or doubled');
});
