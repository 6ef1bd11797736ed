import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { findShopByDomain, shopPolicy } from '../../src/db/shops';
import { webhookSigningSecret } from '../../src/notifications/outbound-webhook';
import { createServices } from '../../src/services';
import { createOrder, createShop } from '../helpers/factory';
import { adminSession, formFields } from './admin-session';

const app = createApp();
const SHOP = 'settings-shop.myshopify.com';
const call = (req: Request) => app.fetch(req, env);
const policyOf = async () => shopPolicy((await findShopByDomain(createServices(env), SHOP))!);

describe('policy editor', () => {
  let a: Awaited<ReturnType<typeof adminSession>>;
  beforeAll(async () => {
    const shop = await createShop(env.DB, { domain: SHOP });
    await createOrder(env.DB, shop.id, {
      name: '#2001',
      deliveredDaysAgo: 40,
      lines: [{ title: 'Linen shirt', quantity: 2 }],
    });
    a = await adminSession(SHOP);
  });

  it('saves a new return window through the form, validated by policySchema', async () => {
    const page = await (await call(a.get('/admin/policy'))).text();
    const fields = formFields(page, '/admin/policy');
    expect(fields.returnWindowDays).toBe('30');
    const res = await call(a.post('/admin/policy', { ...fields, returnWindowDays: '45', intent: 'save' }));
    expect(res.status).toBe(303);
    expect((await policyOf()).returnWindowDays).toBe(45);
    // Everything else survives the round trip through the form unchanged.
    const after = await policyOf();
    expect(after.reasons.length).toBeGreaterThan(3);
    expect(after.returnShippingFee).toEqual({ kind: 'fixed', amountMinor: 500 });
  });

  it('refuses an invalid policy with 400, naming the field beside it, and saves nothing', async () => {
    const fields = formFields(await (await call(a.get('/admin/policy'))).text(), '/admin/policy');
    const res = await call(a.post('/admin/policy', { ...fields, returnWindowDays: '-3', intent: 'save' }));
    expect(res.status).toBe(400);
    const html = await res.text();
    // The layout's shared ErrorSummary, announced on load, links to the field; the field says why.
    expect(html).toMatch(
      /<div class="alert" role="alert" id="error-summary"><strong>Not saved — please check these fields:<\/strong><ul><li><a href="#f-returnWindowDays">/,
    );
    expect(html).toContain('id="f-returnWindowDays-error">Enter a whole number from 0 to 3650.');
    expect((await policyOf()).returnWindowDays).toBe(45);
  });

  it('tries a candidate policy on an order as the shopper would see it, without saving', async () => {
    const fields = formFields(await (await call(a.get('/admin/policy'))).text(), '/admin/policy');
    const closed = await (
      await call(a.post('/admin/policy', { ...fields, returnWindowDays: '30', tryOrder: '#2001', intent: 'try' }))
    ).text();
    expect(closed).toContain('data-eligible="false"');
    expect(closed).toContain('outside the return window');
    const open = await (
      await call(a.post('/admin/policy', { ...fields, returnWindowDays: '60', tryOrder: '2001', intent: 'try' }))
    ).text();
    expect(open).toContain('data-eligible="true"');
    expect(open).toContain('2 of 2');
    expect((await policyOf()).returnWindowDays).toBe(45);
  });

  it('refuses a form without the CSRF token', async () => {
    const res = await call(a.post('/admin/policy', { returnWindowDays: '10', intent: 'save' }, false));
    expect(res.status).toBe(403);
    expect((await policyOf()).returnWindowDays).toBe(45);
  });

  it('adds and removes blocklisted emails', async () => {
    await call(a.post('/admin/policy/blocklist', { value: 'Fraud@Example.com', reason: 'chargebacks' }));
    const page = await (await call(a.get('/admin/policy'))).text();
    expect(page).toContain('fraud@example.com');
    const id = /name="id" value="(blk_[^"]+)"/.exec(page)![1]!;
    await call(a.post('/admin/policy/blocklist/remove', { id }));
    expect(await (await call(a.get('/admin/policy'))).text()).not.toContain('fraud@example.com');
  });
});

describe('SLA settings', () => {
  it('saves targets, business hours, holidays and escalation; refuses malformed hours', async () => {
    const a = await adminSession(SHOP);
    const fields = formFields(await (await call(a.get('/admin/sla'))).text(), '/admin/sla');
    expect(fields['urgent.firstResponse']).toBe('60');
    const bad = await call(a.post('/admin/sla', { ...fields, calendar: 'business', 'hours.1': '9am to 5pm' }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(
      /<div class="alert" role="alert" id="error-summary"><strong>Not saved:<\/strong><ul><li><span><code>hours/,
    );
    const ok = await call(
      a.post('/admin/sla', {
        ...fields,
        'urgent.firstResponse': '30',
        calendar: 'business',
        timezone: 'Europe/Berlin',
        'hours.1': '09:00-12:00, 13:00-17:00',
        holidays: '2026-12-25\n2026-12-26',
        alertEmails: 'ops@example.com',
        warnAtPercent: '75',
      }),
    );
    expect(ok.status).toBe(303);
    const sla = (await policyOf()).sla;
    expect(sla.targets.urgent.firstResponseMinutes).toBe(30);
    expect(sla.calendar).toBe('business');
    expect(sla.businessHours).toEqual({
      timezone: 'Europe/Berlin',
      weekly: {
        '1': [
          { open: '09:00', close: '12:00' },
          { open: '13:00', close: '17:00' },
        ],
      },
      holidays: ['2026-12-25', '2026-12-26'],
    });
    expect(sla.escalation).toMatchObject({ warnAtRatio: 0.75, alertEmails: ['ops@example.com'] });
  });
});

describe('webhook signing secret', () => {
  it('refuses an http webhook URL with 400, shows the signing secret with a verify snippet, and rotates it', async () => {
    const a = await adminSession(SHOP);
    const fields = formFields(await (await call(a.get('/admin/sla'))).text(), '/admin/sla');
    const http = await call(a.post('/admin/sla', { ...fields, webhookUrl: 'http://merchant.example/hooks' }));
    expect(http.status).toBe(400);
    expect(await http.text()).toContain('must use https');
    expect((await policyOf()).sla.escalation.webhookUrl).toBeUndefined();
    expect((await call(a.post('/admin/sla', { ...fields, webhookUrl: 'https://merchant.example/hooks' }))).status).toBe(
      303,
    );

    const secretOn = (html: string) => /<code data-secret="?[^>]*>([^<]+)<\/code>/.exec(html)?.[1];
    const page = await (await call(a.get('/admin/sla'))).text();
    const before = secretOn(page)!;
    expect(before).toMatch(/^[0-9a-f]{64}$/); // never rotated: the secret it was always signed with
    expect(page).toContain('X-Aftercare-Signature');
    expect(page).toContain('crypto.subtle.verify');
    const s = createServices(env);
    const shopId = (await findShopByDomain(s, SHOP))!.id;
    expect(await webhookSigningSecret(s, shopId)).toBe(before);

    const rotated = await call(a.post('/admin/sla/webhook-secret', {}));
    expect(rotated.status).toBe(303);
    const after = secretOn(await (await call(a.get('/admin/sla?rotated=1'))).text())!;
    expect(after).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(await webhookSigningSecret(s, shopId)).toBe(after);
    await call(a.post('/admin/sla/webhook-secret', {}));
    expect(await webhookSigningSecret(s, shopId)).not.toBe(after);
  });
});

describe('template editor', () => {
  it('previews with sample data, saves an override the outbox reads, and refuses a template that does not render', async () => {
    const a = await adminSession(SHOP);
    const page = await (await call(a.get('/admin/templates/refund_issued/en'))).text();
    expect(page).toContain('R-1001'); // preview rendered from the sample variables
    const fields = formFields(page, '/admin/templates/refund_issued/en');
    const preview = await (
      await call(
        a.post('/admin/templates/refund_issued/en', {
          ...fields,
          subject: 'Money back: {{ amount }}',
          intent: 'preview',
        }),
      )
    ).text();
    expect(preview).toContain('Money back: $50.00');
    const broken = await call(
      a.post('/admin/templates/refund_issued/en', { ...fields, text: 'Hi {{ amout }}', intent: 'save' }),
    );
    expect(broken.status).toBe(400);
    expect(
      await env.DB.prepare("SELECT COUNT(*) AS n FROM message_templates WHERE name = 'refund_issued'").first('n'),
    ).toBe(0);
    const saved = await call(
      a.post('/admin/templates/refund_issued/en', { ...fields, subject: 'Money back: {{ amount }}', intent: 'save' }),
    );
    expect(saved.status).toBe(303);
    const row = await env.DB.prepare(
      "SELECT subject, body FROM message_templates WHERE name = 'refund_issued' AND locale = 'en'",
    ).first<{ subject: string; body: string }>();
    expect(row?.subject).toBe('Money back: {{ amount }}');
    expect(row?.body).toContain('=== text ===');
    expect(await (await call(a.get('/admin/templates'))).text()).toContain('customised');
  });

  it('refuses at preview and at save, with 400 naming the limit, a template whose loops never end in practice', async () => {
    const a = await adminSession(SHOP);
    const page = await (await call(a.get('/admin/templates/case_update/en'))).text();
    const fields = formFields(page, '/admin/templates/case_update/en');
    const loops =
      '{% for a in (1..100000) %}{% for b in (1..100000) %}{% for c in (1..100000) %}x{% endfor %}{% endfor %}{% endfor %}';
    for (const intent of ['preview', 'save']) {
      const res = await call(a.post('/admin/templates/case_update/en', { ...fields, text: loops, intent }));
      expect(res.status, intent).toBe(400);
      expect(await res.text(), intent).toMatch(/(memory alloc|template render) limit exceeded/);
    }
    const huge = await call(
      a.post('/admin/templates/case_update/en', { ...fields, text: 'x'.repeat(100_001), intent: 'save' }),
    );
    expect(huge.status).toBe(400);
    expect(await huge.text()).toMatch(/parse length limit exceeded/);
    expect(
      await env.DB.prepare("SELECT COUNT(*) AS n FROM message_templates WHERE name = 'case_update'").first('n'),
    ).toBe(0);
  });
});
