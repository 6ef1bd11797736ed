import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { hmacSha256, toHex } from '../../src/lib/crypto';
import { deliverOutboundWebhook, prepareOutboundWebhook, webhookSigningSecret } from '../../src/jobs/outbound-webhook';
import { createShop } from '../helpers/factory';
import { jobServices, notifications } from './harness';

const T0 = Date.UTC(2026, 10, 24, 12);

describe('outbound merchant webhooks', () => {
  it('POSTs the payload once, signed, with a stable delivery id; a retry after a 5xx reuses it', async () => {
    const shop = await createShop(env.DB, {}, T0);
    const { s } = jobServices(T0);
    const live = Object.assign(Object.create(s) as typeof s, { settings: { ...s.settings, INTEGRATIONS: 'live' as const } });
    const calls: Request[] = [];
    let status = 503;
    const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push(new Request(input, init));
      return new Response('', { status });
    }) as typeof fetch;
    await env.DB.batch([prepareOutboundWebhook(s, { shopId: shop.id, url: 'https://merchant.example/hooks', event: 'case.escalated', payload: { caseId: 'case_1' }, dedupeKey: 'wh:case_1:escalated' })]);
    await env.DB.batch([prepareOutboundWebhook(s, { shopId: shop.id, url: 'https://merchant.example/hooks', event: 'case.escalated', payload: { caseId: 'case_1' }, dedupeKey: 'wh:case_1:escalated' })]);

    await expect(deliverOutboundWebhook(live, shop.id, 'wh:case_1:escalated', fetcher)).rejects.toThrow('503');
    status = 200;
    expect(await deliverOutboundWebhook(live, shop.id, 'wh:case_1:escalated', fetcher)).toBe('sent');
    expect(await deliverOutboundWebhook(live, shop.id, 'wh:case_1:escalated', fetcher)).toBe('already-done');

    const [row, ...more] = await notifications(shop.id);
    expect(more).toHaveLength(0);
    expect(calls).toHaveLength(2);
    const body = await calls[1]!.text();
    expect(JSON.parse(body)).toEqual({ event: 'case.escalated', shopId: shop.id, at: T0, data: { caseId: 'case_1' } });
    const expected = toHex(await hmacSha256(await webhookSigningSecret(s, shop.id), body));
    expect(calls.map((c) => c.headers.get('x-aftercare-delivery'))).toEqual([row!.id, row!.id]);
    expect(calls[1]!.headers.get('x-aftercare-signature')).toBe(`sha256=${expected}`);
    expect(row).toMatchObject({ channel: 'webhook', status: 'sent', provider: 'webhook', attempts: 2 });
  });
});
