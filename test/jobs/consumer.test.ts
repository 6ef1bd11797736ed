import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { EmailError, LocalOutboxEmail, type OutgoingEmail } from '../../src/integrations/email';
import { backoffSeconds, processJobBatch } from '../../src/queue/consumer';
import { prepareNotification } from '../../src/notifications/outbox';
import { templateSamples } from '../../src/notifications/template-samples';
import type { Services } from '../../src/services';
import { createShop } from '../helpers/factory';
import { deadLetter, fakeBatch, jobServices, notifications } from './harness';

const T0 = Date.UTC(2026, 10, 22, 8);

async function queuedEmails(s: Services, shopId: string, n: number) {
  const stmts = [];
  for (let i = 0; i < n; i++) {
    stmts.push(
      await prepareNotification(s, {
        shopId,
        kind: 'case_update',
        recipient: `p${i}@example.com`,
        locale: 'en',
        vars: templateSamples.case_update,
        dedupeKey: `test:${i}`,
      }),
    );
  }
  await env.DB.batch(stmts);
  return Array.from({ length: n }, (_, i) => ({ kind: 'deliver-notification', shopId, dedupeKey: `test:${i}` }));
}

const admin = (shop: { domain: string }, path: string) =>
  exports.default.fetch(
    new Request(`https://aftercare.test${path}`, {
      headers: { authorization: 'Bearer test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm', 'x-shop-domain': shop.domain },
    }),
  );

class FlakyEmail extends LocalOutboxEmail {
  constructor(
    private readonly failFor: string,
    private readonly permanent = false,
  ) {
    super();
  }
  override async send(email: OutgoingEmail) {
    if (email.to === this.failFor) throw new EmailError('421 try again later', this.permanent);
    return super.send(email);
  }
}

describe('jobs consumer', () => {
  it('killing the consumer mid-batch loses nothing and sends nothing twice', async () => {
    const shop = await createShop(env.DB, {}, T0);
    const { s, email } = jobServices(T0);
    const bodies = await queuedEmails(s, shop.id, 5);

    // The isolate dies while acking the third message (after it was sent and recorded).
    const first = fakeBatch(bodies, {
      onAck: (i) => {
        if (i === 2) throw new Error('isolate killed');
      },
    });
    await expect(processJobBatch(s, first.batch)).rejects.toThrow('isolate killed');
    expect(first.state.map((m) => m.outcome)).toEqual(['ack', 'ack', 'pending', 'pending', 'pending']);
    expect(email.sent).toHaveLength(3);

    // The queue redelivers the whole batch (nothing was acked as a batch).
    const again = fakeBatch(bodies, { attempts: 2 });
    await processJobBatch(s, again.batch);
    expect(again.state.every((m) => m.outcome === 'ack')).toBe(true);

    const rows = await notifications(shop.id);
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    expect(email.sent.map((m) => m.id).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(new Set(email.sent.map((m) => m.id)).size).toBe(5);
  });

  it('retries a passing failure alone with exponential backoff, then the DLQ marks it failed and the admin sees why', async () => {
    const shop = await createShop(env.DB, {}, T0);
    const { s, email } = jobServices(T0, { email: new FlakyEmail('p1@example.com') });
    const bodies = await queuedEmails(s, shop.id, 3);

    const b1 = fakeBatch(bodies);
    await processJobBatch(s, b1.batch);
    expect(b1.state.map((m) => [m.outcome, m.delaySeconds])).toEqual([
      ['ack', undefined],
      ['retry', 30],
      ['ack', undefined],
    ]);
    const b3 = fakeBatch([bodies[1]], { attempts: 3 });
    await processJobBatch(s, b3.batch);
    expect(b3.state[0]).toMatchObject({ outcome: 'retry', delaySeconds: 120 });
    expect([1, 2, 3, 4, 8, 20].map(backoffSeconds)).toEqual([30, 60, 120, 240, 3600, 3600]);
    expect(email.sent).toHaveLength(2);

    const p1 = async () => (await notifications(shop.id)).find((r) => r.recipient === 'p1@example.com');
    expect(await p1()).toMatchObject({ status: 'queued', attempts: 2, last_error: '421 try again later' });

    const dead = await deadLetter(s, [bodies[1]]);
    expect(dead[0]!.outcome).toBe('ack');
    expect(await p1()).toMatchObject({ status: 'failed', last_error: '421 try again later' });

    const failures = await (await admin(shop, '/api/admin/jobs/failures')).json<{
      items: Array<Record<string, unknown>>;
    }>();
    expect(failures.items).toEqual([
      expect.objectContaining({
        kind: 'deliver-notification',
        status: 'dead',
        lastError: 'EmailError: 421 try again later',
        jobKey: `deliver-notification:${shop.id}:test:1`,
      }),
    ]);
    const outbox = await (await admin(shop, '/api/admin/outbox?status=failed')).json<{
      items: Array<Record<string, unknown>>;
    }>();
    expect(outbox.items).toEqual([
      expect.objectContaining({
        recipient: 'p1@example.com',
        status: 'failed',
        subject: 'Update on your request R-1001: received',
      }),
    ]);
  });

  it('fails a permanent refusal at once without retrying, and dead-letters a message that does not parse', async () => {
    const shop = await createShop(env.DB, {}, T0);
    const { s } = jobServices(T0, { email: new FlakyEmail('p0@example.com', true) });
    const bodies = await queuedEmails(s, shop.id, 1);
    const b = fakeBatch([...bodies, { kind: 'deliver-notification', shopId: shop.id }, { kind: 'launch-rockets' }]);
    await processJobBatch(s, b.batch);
    expect(b.state.map((m) => m.outcome)).toEqual(['ack', 'ack', 'ack']);
    expect((await notifications(shop.id))[0]).toMatchObject({ status: 'failed' });
    const invalid = await env.DB.prepare("SELECT kind, status FROM job_failures WHERE kind = 'invalid'").all();
    expect(invalid.results.length).toBeGreaterThanOrEqual(2);
  });

  it('lists the outbox newest first with rendered bodies, filtered and paged, only for the caller shop', async () => {
    const shop = await createShop(env.DB, {}, T0);
    const other = await createShop(env.DB, {}, T0);
    const { s } = jobServices(T0);
    await queuedEmails(s, shop.id, 3);
    await queuedEmails(s, other.id, 2);
    const page1 = await (await admin(shop, '/api/admin/outbox?limit=2')).json<{
      items: Array<Record<string, unknown>>;
      next: string;
    }>();
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0]).toMatchObject({
      status: 'queued',
      kind: 'case_update',
      bodyText: expect.stringContaining('We received your parcel.'),
      bodyHtml: expect.stringContaining('<p>'),
    });
    const page2 = await (await admin(shop, `/api/admin/outbox?limit=2&before=${page1.next}`)).json<{
      items: unknown[];
      next: string | null;
    }>();
    expect(page2).toMatchObject({ next: null });
    expect(page2.items).toHaveLength(1);
    const bad = await admin(shop, '/api/admin/outbox?status=bogus');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const anon = await exports.default.fetch(new Request('https://aftercare.test/api/admin/outbox'));
    expect(anon.status).toBe(401);
  });
});
