import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { addBlocklistEntry } from '../../src/admin/settings-store';
import { createServices } from '../../src/services';
import { shopifyWebhook } from '../helpers/webhooks';
import { shopify } from './fixtures';
import { deliver } from './flow';
import { EMAIL, grepDatabase, populatedShop } from './privacy-fixture';

// Its own file: fresh storage, so "appears nowhere in D1" is checked against the whole database.
describe('customers/redact', () => {
  it('erases the customer everywhere (their email appears in no text column of any table) while money and counts stay', async () => {
    const { shop, shopId, orderId, caseId, photo } = await populatedShop('redact');
    // A pickup label (a public PDF with name and address), a bounce naming the address, failed jobs.
    const now = Date.now();
    const label = 'https://easypost-files.s3.amazonaws.com/files/postage_label/john-smith-shippington.pdf';
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO pickups (id, shop_id, case_id, carrier, status, label_url, idempotency_key, created_at, updated_at)
         VALUES ('pku_redact', ?1, ?2, 'easypost', 'scheduled', ?3, 'pku_redact:1', ?4, ?4)`,
      ).bind(shopId, caseId, label, now),
      env.DB.prepare(
        `INSERT INTO notifications (id, shop_id, kind, recipient, subject, body_text, status, last_error, dedupe_key, created_at, updated_at)
         VALUES ('ntf_bounce', ?1, 'delay_notice', 'someone@example.org', 'Late', 'Late', 'failed', ?2, 'bounce', ?3, ?3)`,
      ).bind(shopId, `422: ${EMAIL} is on the suppression list`, now),
      env.DB.prepare(
        `INSERT INTO job_failures (id, shop_id, job_key, kind, payload, status, attempts, last_error, created_at, updated_at) VALUES
         ('jf_case', ?1, 'k1', 'schedule-pickup', ?2, 'dead', 6, 'carrier said no', ?4, ?4),
         ('jf_mail', ?1, 'k2', 'deliver-notification', '{"dedupeKey":"x"}', 'dead', 6, ?3, ?4, ?4),
         ('jf_other', ?1, 'k3', 'deliver-notification', '{"dedupeKey":"y"}', 'dead', 6, 'timeout', ?4, ?4)`,
      ).bind(
        shopId,
        JSON.stringify({ kind: 'schedule-pickup', shopId, pickupId: 'pku_redact' }),
        `bounced: ${EMAIL}`,
        now,
      ),
    ]);
    // Blocked by the merchant: the blocklist row and its audit event both name the address.
    await addBlocklistEntry(createServices(env), shopId, { kind: 'email', value: EMAIL, reason: null }, 'operator');
    expect(Object.keys(await grepDatabase(EMAIL))).toEqual(expect.arrayContaining(['shop_events.data']));
    expect(Object.keys(await grepDatabase(EMAIL)).length).toBeGreaterThan(3);
    await deliver(await shopifyWebhook('customers/redact', shopify.customersRedact, { shop }));

    expect(await grepDatabase(EMAIL)).toEqual({});
    expect(await grepDatabase('Shippington')).toEqual({});
    expect(await env.DB.prepare("SELECT label_url FROM pickups WHERE id = 'pku_redact'").first()).toEqual({
      label_url: null,
    });
    const failures = await env.DB.prepare(
      'SELECT id, payload, last_error FROM job_failures WHERE shop_id = ?1 ORDER BY id',
    )
      .bind(shopId)
      .all();
    expect(failures.results).toEqual([
      { id: 'jf_case', payload: '{"redacted":true}', last_error: '[redacted]' },
      { id: 'jf_mail', payload: '{"redacted":true}', last_error: '[redacted]' },
      { id: 'jf_other', payload: '{"dedupeKey":"y"}', last_error: 'timeout' },
    ]);
    expect(await env.PHOTOS.get(photo)).toBeNull();
    const order = await env.DB.prepare('SELECT email, shipping_address, total_minor FROM orders WHERE id = ?1')
      .bind(orderId)
      .first();
    expect(order).toEqual({ email: null, shipping_address: null, total_minor: 40495 });
    expect(await env.DB.prepare('SELECT refund_minor FROM cases WHERE id = ?1').bind(caseId).first()).toEqual({
      refund_minor: 8999,
    });
    expect(
      await env.DB.prepare('SELECT count(*) AS n FROM order_lines WHERE order_id = ?1').bind(orderId).first(),
    ).toEqual({ n: 5 });
    expect(await env.DB.prepare('SELECT score FROM surveys WHERE shop_id = ?1').bind(shopId).first()).toEqual({
      score: 2,
    });
    const customer = await env.DB.prepare('SELECT first_name, redacted_at FROM customers WHERE shop_id = ?1')
      .bind(shopId)
      .first<{ first_name: string | null; redacted_at: number }>();
    expect(customer!.first_name).toBeNull();
    expect(customer!.redacted_at).toBeGreaterThan(0);

    // A later orders/updated for the same customer does not bring the personal data back.
    await deliver(
      await shopifyWebhook(
        'orders/updated',
        shopify.ordersCreate.replace(
          '"updated_at": "2021-12-31T19:00:00-05:00"',
          '"updated_at": "2022-06-01T00:00:00Z"',
        ),
        { shop },
      ),
    );
    expect(
      (await env.DB.prepare('SELECT first_name FROM customers WHERE shop_id = ?1')
        .bind(shopId)
        .first<{ first_name: string | null }>())!.first_name,
    ).toBeNull();
  }, 60_000); // scans every text column of every table three times: ~13 s on a busy 2-core machine
});
