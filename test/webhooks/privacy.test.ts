import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { shopScopedTables } from '../../src/events/privacy-redact';
import { newId } from '../../src/lib/ids';
import { shopifyWebhook } from '../helpers/webhooks';
import { shopify } from './fixtures';
import { consume, deliver, post } from './flow';
import { EMAIL, populatedShop } from './privacy-fixture';

describe('customers/data_request', () => {
  it('delivers a JSON export of everything held on the customer to the merchant through the outbox, once', async () => {
    const { shop, shopId, caseId } = await populatedShop('export');
    await deliver(await shopifyWebhook('customers/data_request', shopify.customersDataRequest, { shop }));
    await deliver(await shopifyWebhook('customers/data_request', shopify.customersDataRequest, { shop }));
    const mail = await env.DB.prepare("SELECT * FROM notifications WHERE shop_id = ?1 AND kind = 'data_export'")
      .bind(shopId)
      .all<Record<string, string>>();
    expect(mail.results).toHaveLength(1);
    const row = mail.results[0]!;
    expect(row).toMatchObject({ recipient: 'merchant@example.com', status: 'queued', dedupe_key: 'data_request:9999' });
    expect(row.subject).toContain(EMAIL);
    for (const fact of [
      'gid://shopify/Order/820982911946154508',
      'gid://shopify/Customer/115310627314723954',
      caseId,
      'Call me at',
      'Slow.',
      '1z827wk74630',
    ]) {
      expect(row.body_text, fact).toContain(fact);
    }
  });
});

describe('shop/redact and app/uninstalled', () => {
  it('app/uninstalled marks the shop uninstalled and cancels its pending jobs and queued messages', async () => {
    const { shop, shopId } = await populatedShop('uninstall');
    const now = Date.now();
    await env.DB.prepare(
      `INSERT INTO scheduled_jobs (id, shop_id, kind, payload, due_at, status, dedupe_key, created_at, updated_at) VALUES (?1, ?2, 'survey', '{}', ?3, 'pending', 'j1', ?3, ?3)`,
    )
      .bind(newId('job'), shopId, now + 86_400_000)
      .run();
    await deliver(await shopifyWebhook('app/uninstalled', shopify.appUninstalled, { shop }));
    expect(await env.DB.prepare('SELECT status FROM shops WHERE id = ?1').bind(shopId).first()).toEqual({
      status: 'uninstalled',
    });
    expect(
      await env.DB.prepare("SELECT count(*) AS n FROM scheduled_jobs WHERE shop_id = ?1 AND status = 'pending'")
        .bind(shopId)
        .first(),
    ).toEqual({ n: 0 });
    expect(
      await env.DB.prepare("SELECT count(*) AS n FROM notifications WHERE shop_id = ?1 AND status = 'queued'")
        .bind(shopId)
        .first(),
    ).toEqual({ n: 0 });
    expect(
      await env.DB.prepare("SELECT count(*) AS n FROM notifications WHERE shop_id = ?1 AND status = 'cancelled'")
        .bind(shopId)
        .first(),
    ).toEqual({ n: 1 });
  });

  it('shop/redact deletes every row of the shop in every table, its photos and its stored events, and nothing of another shop', async () => {
    const { shop, shopId, photo, caseId } = await populatedShop('shopredact');
    const other = await populatedShop('bystander');
    // Each case's CaseClock holds state and an alarm in Durable Object storage.
    const clock = (id: string) => env.CASE_CLOCK.get(env.CASE_CLOCK.idFromName(id));
    for (const id of [caseId, other.caseId])
      await runInDurableObject(clock(id), async (_o, state) => {
        await state.storage.put('clock', { caseId: id });
        await state.storage.setAlarm(Date.now() + 86_400_000);
      });
    // The shop/redact event's own row is deleted with the shop, so it is consumed without `deliver`'s status check.
    const { status, eventId } = await post(await shopifyWebhook('shop/redact', shopify.shopRedact, { shop }));
    expect(status).toBe(200);
    await consume([eventId!]);
    for (const table of shopScopedTables()) {
      const n = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE shop_id = ?1`)
        .bind(shopId)
        .first<{ n: number }>();
      expect(n!.n, table).toBe(0);
    }
    expect(await env.DB.prepare('SELECT count(*) AS n FROM shops WHERE id = ?1').bind(shopId).first()).toEqual({
      n: 0,
    });
    expect(
      await env.DB.prepare('SELECT count(*) AS n FROM webhook_events WHERE shop_domain = ?1 OR shop_id = ?2')
        .bind(shop, shopId)
        .first(),
    ).toEqual({ n: 0 });
    expect(await env.PHOTOS.get(photo)).toBeNull();
    expect(
      await env.DB.prepare('SELECT count(*) AS n FROM orders WHERE shop_id = ?1').bind(other.shopId).first(),
    ).toEqual({ n: 1 });
    expect(await env.PHOTOS.head(other.photo)).not.toBeNull();
    const stored = (id: string) =>
      runInDurableObject(clock(id), async (_o, state) => ({
        keys: (await state.storage.list()).size,
        alarm: (await state.storage.getAlarm()) !== null,
      }));
    expect(await stored(caseId)).toEqual({ keys: 0, alarm: false });
    expect(await stored(other.caseId)).toEqual({ keys: 1, alarm: true });
    expect(shopScopedTables()).toEqual(
      expect.arrayContaining([
        'orders',
        'cases',
        'case_events',
        'notifications',
        'refunds',
        'scheduled_jobs',
        'shipments',
      ]),
    );
  });
});
