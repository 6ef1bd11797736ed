import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { hmacSha256, toHex } from '../../src/lib/crypto';
import {
  deliverOutboundWebhook,
  prepareOutboundWebhook,
  rotateWebhookSigningSecret,
  webhookSigningSecret,
} from '../../src/notifications/outbound-webhook';
import { createShop } from '../helpers/factory';
import { mockHttp } from '../helpers/msw';
import { jobServices, notifications } from './harness';

const T0 = Date.UTC(2026, 10, 24, 12);
// The merchant's endpoint, through MSW; the delivery runs on its production path (global fetch).
const mock = mockHttp();

describe('outbound merchant webhooks', () => {
  it("signs with the shop's rotated random secret, and never sends to a plain-http URL saved before https was required", async () => {
    const shop = await createShop(env.DB, {}, T0);
    const { s } = jobServices(T0);
    const live = Object.assign(Object.create(s) as typeof s, {
      settings: { ...s.settings, INTEGRATIONS: 'live' as const },
    });
    const secret = await rotateWebhookSigningSecret(s, shop.id, 'operator');
    mock.on('post', 'https://merchant.example/rotated', () => new Response('', { status: 200 }));
    const send = async (url: string, key: string) => {
      await env.DB.batch([
        prepareOutboundWebhook(s, { shopId: shop.id, url, event: 'case.escalated', payload: {}, dedupeKey: key }),
      ]);
      return deliverOutboundWebhook(live, shop.id, key);
    };
    expect(await send('https://merchant.example/rotated', 'wh:rotated')).toBe('sent');
    const call = mock.requests[0]!;
    expect(call.headers['x-aftercare-signature']).toBe(`sha256=${toHex(await hmacSha256(secret, call.text))}`);
    expect(await send('http://merchant.example/plain', 'wh:plain')).toBe('already-done');
    expect(mock.requests).toHaveLength(1);
    const plain = (await notifications(shop.id)).find((r) => r.dedupe_key === 'wh:plain');
    expect(plain).toMatchObject({ status: 'failed' });
    expect(String(plain!.last_error)).toMatch(/not https/);
  });

  it('POSTs the payload once, signed, with a stable delivery id; a retry after a 5xx reuses it', async () => {
    const shop = await createShop(env.DB, {}, T0);
    const { s } = jobServices(T0);
    const live = Object.assign(Object.create(s) as typeof s, {
      settings: { ...s.settings, INTEGRATIONS: 'live' as const },
    });
    let status = 503;
    mock.on('post', 'https://merchant.example/hooks', () => new Response('', { status }));
    const calls = mock.requests;
    await env.DB.batch([
      prepareOutboundWebhook(s, {
        shopId: shop.id,
        url: 'https://merchant.example/hooks',
        event: 'case.escalated',
        payload: { caseId: 'case_1' },
        dedupeKey: 'wh:case_1:escalated',
      }),
    ]);
    await env.DB.batch([
      prepareOutboundWebhook(s, {
        shopId: shop.id,
        url: 'https://merchant.example/hooks',
        event: 'case.escalated',
        payload: { caseId: 'case_1' },
        dedupeKey: 'wh:case_1:escalated',
      }),
    ]);

    await expect(deliverOutboundWebhook(live, shop.id, 'wh:case_1:escalated')).rejects.toThrow('503');
    status = 200;
    expect(await deliverOutboundWebhook(live, shop.id, 'wh:case_1:escalated')).toBe('sent');
    expect(await deliverOutboundWebhook(live, shop.id, 'wh:case_1:escalated')).toBe('already-done');

    const [row, ...more] = await notifications(shop.id);
    expect(more).toHaveLength(0);
    expect(calls).toHaveLength(2);
    const body = calls[1]!.text;
    expect(JSON.parse(body)).toEqual({ event: 'case.escalated', shopId: shop.id, at: T0, data: { caseId: 'case_1' } });
    const expected = toHex(await hmacSha256(await webhookSigningSecret(s, shop.id), body));
    expect(calls.map((c) => c.headers['x-aftercare-delivery'])).toEqual([row!.id, row!.id]);
    expect(calls[1]!.headers['x-aftercare-signature']).toBe(`sha256=${expected}`);
    expect(calls.map((c) => [c.method, c.url, c.headers['content-type'], c.headers['x-aftercare-event']])).toEqual([
      ['POST', 'https://merchant.example/hooks', 'application/json', 'case.escalated'],
      ['POST', 'https://merchant.example/hooks', 'application/json', 'case.escalated'],
    ]);
    expect(row).toMatchObject({ channel: 'webhook', status: 'sent', provider: 'webhook', attempts: 2 });
  });
});
