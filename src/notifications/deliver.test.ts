import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createShop } from '../../test/helpers/factory';
import { HttpResponse, mockHttp } from '../../test/helpers/msw';
import { jobServices, notifications } from '../../test/jobs/harness';
import { ResendEmail } from '../integrations/email';
import { deliverNotification, enqueueStrandedNotifications, SEND_LEASE_MS } from './deliver';
import { prepareNotification } from './outbox';
import { templateSamples } from './template-samples';

const T0 = Date.UTC(2026, 10, 24, 9);

const mock = mockHttp();

/** Resend (through MSW) answering each send from `answer`; records each request's Idempotency-Key. */
function resendRecorder(answer: () => Response | Error) {
  mock.on('post', 'https://api.resend.com/emails', () => {
    const a = answer();
    return a instanceof Error ? HttpResponse.error() : a;
  });
  return {
    get keys() {
      return mock.requests.map((r) => r.idempotencyKey ?? '');
    },
    email: new ResendEmail('re_test'),
  };
}

describe('deliverNotification', () => {
  it('sends through the provider once, records its id, and never sends a sent row again', async () => {
    const shop = await createShop(env.DB, {}, T0);
    const r = resendRecorder(() => new Response(JSON.stringify({ id: 're_abc' }), { status: 200 }));
    const { s, q } = jobServices(T0, { email: r.email });
    await env.DB.batch([
      await prepareNotification(s, {
        shopId: shop.id,
        kind: 'refund_issued',
        recipient: 'a@example.com',
        locale: 'en',
        vars: templateSamples.refund_issued,
        dedupeKey: 'refund:r1',
      }),
    ]);
    expect(await deliverNotification(s, shop.id, 'refund:r1')).toBe('sent');
    expect(await deliverNotification(s, shop.id, 'refund:r1')).toBe('already-done');
    const [row] = await notifications(shop.id);
    expect(row).toMatchObject({ status: 'sent', provider: 'resend', provider_id: 're_abc', attempts: 1, sent_at: T0 });
    expect(r.keys).toEqual([row!.id]);
    // A sent row is not stranded either.
    s.clock = { now: () => T0 + SEND_LEASE_MS * 2 };
    expect(await enqueueStrandedNotifications(s)).toMatchObject({ enqueued: 0 });
    expect(q.sent).toHaveLength(0);
  });

  it("sends as the shop (its name, the operator's address) with the shop's reply-to, never as the operator", async () => {
    const shop = await createShop(env.DB, {}, T0);
    await env.DB.prepare('UPDATE shops SET name = ?, email = ? WHERE id = ?')
      .bind('Evil" <ceo@operator.example>\r\nBcc: x@y.z', 'help@evil-shop.example', shop.id)
      .run();
    const r = resendRecorder(() => new Response(JSON.stringify({ id: 're_from' }), { status: 200 }));
    const { s } = jobServices(T0, { email: r.email });
    s.settings = { ...s.settings, EMAIL_FROM: 'Aftercare <mail@aftercare.example>' };
    await env.DB.batch([
      await prepareNotification(s, {
        shopId: shop.id,
        kind: 'refund_issued',
        recipient: 'a@example.com',
        locale: 'en',
        vars: templateSamples.refund_issued,
        dedupeKey: 'refund:from',
      }),
    ]);
    expect(await deliverNotification(s, shop.id, 'refund:from')).toBe('sent');
    const body = mock.requests[0]!.json as { from: string; reply_to?: string };
    expect(body.from).toBe('"Evil ceo@operator.example Bcc: x@y.z" <mail@aftercare.example>');
    expect(body.reply_to).toBe('help@evil-shop.example');
  });

  it('a consumer that died mid-send leaves a lease: no second send until it expires, then the same idempotency key', async () => {
    const shop = await createShop(env.DB, {}, T0);
    let calls = 0;
    const r = resendRecorder(() =>
      ++calls === 1 ? new Error('connection lost mid-request') : new Response(JSON.stringify({ id: 're_1' })),
    );
    const { s, clock, q } = jobServices(T0, { email: r.email });
    await env.DB.batch([
      await prepareNotification(s, {
        shopId: shop.id,
        kind: 'refund_issued',
        recipient: 'a@example.com',
        locale: 'en',
        vars: templateSamples.refund_issued,
        dedupeKey: 'refund:r2',
      }),
    ]);
    // Simulate the isolate dying after the claim: the row stays `sending`.
    await env.DB.prepare("UPDATE notifications SET status = 'sending', attempts = 1, updated_at = ? WHERE shop_id = ?")
      .bind(T0, shop.id)
      .run();
    expect(await deliverNotification(s, shop.id, 'refund:r2')).toBe('busy');
    expect(r.keys).toHaveLength(0);

    clock.set(T0 + SEND_LEASE_MS + 1);
    expect(await enqueueStrandedNotifications(s)).toMatchObject({ enqueued: 1 });
    expect(q.sent[0]!.body).toEqual({ kind: 'deliver-notification', shopId: shop.id, dedupeKey: 'refund:r2' });
    await expect(deliverNotification(s, shop.id, 'refund:r2')).rejects.toThrow(/^resend: /); // the network failed mid-send
    expect(await deliverNotification(s, shop.id, 'refund:r2')).toBe('sent');
    const [row] = await notifications(shop.id);
    expect(r.keys).toEqual([row!.id, row!.id]);
    expect(row).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('holds a message until its send_after', async () => {
    const shop = await createShop(env.DB, {}, T0);
    const { s, clock } = jobServices(T0);
    await env.DB.batch([
      await prepareNotification(s, {
        shopId: shop.id,
        kind: 'refund_issued',
        recipient: 'a@example.com',
        locale: 'en',
        vars: templateSamples.refund_issued,
        dedupeKey: 'later',
        sendAfter: T0 + 3_600_000,
      }),
    ]);
    expect(await deliverNotification(s, shop.id, 'later')).toBe('not-due');
    clock.set(T0 + 3_600_000);
    expect(await deliverNotification(s, shop.id, 'later')).toBe('sent');
  });
});
