/**
 * Every form-taking route outside the shopper page (admin sign-in and screens, the survey comment
 * form, the shopper API's photo upload) given a body the runtime cannot parse: a 4xx, never a 5xx,
 * and nothing written. (The shopper page's own forms: portal-form-regressions.test.ts.)
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_SHOP_DOMAIN, DEMO_SHOP_ID } from '../../src/db/demo-data';
import { seedDemoShop } from '../../src/db/seed';
import { signSurveyToken } from '../../src/surveys/token';
import { adminSession } from '../admin/admin-session';
import { encode, shopper, type Encoding } from './portal-forms';
import { quietFetch } from './quiet-worker';
import { snapshot } from './snapshot';

const unparseable: Encoding[] = ['multipart-no-boundary', 'multipart-broken', 'utf16'];
let routes: Array<{ label: string; url: string; headers: Record<string, string> }> = [];

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  await seedDemoShop(env.DB, Date.now());
  const now = Date.now();
  await env.DB.prepare(
    "INSERT INTO surveys (id, shop_id, subject, kind, status, recipient, locale, due_at, sent_at, created_at, updated_at) VALUES ('svy_parse', ?, 'delivery:x', 'csat', 'sent', 'a@example.com', 'en', ?, ?, ?, ?)",
  )
    .bind(DEMO_SHOP_ID, now, now, now, now)
    .run();
  const survey = await signSurveyToken('test-app-secret-Kq7vN2xR9pL4mW8sT1yB6cF3hJ0dG5zA', {
    s: 'svy_parse',
    h: DEMO_SHOP_ID,
    p: 'a',
    e: now + 86_400_000,
  });
  const admin = await adminSession(DEMO_SHOP_DOMAIN);
  const withCsrf = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
  const token = (await shopper('ord_demo1001', 'unparseable-session')).token;
  routes = [
    { label: 'survey comment', url: `https://aftercare.test/survey/${survey}`, headers: {} },
    { label: 'admin sign-in', url: 'https://aftercare.test/admin/login', headers: { cookie: 'aftercare_login=n' } },
    { label: 'admin sign-out', url: 'https://aftercare.test/admin/logout', headers: { cookie: admin.cookie } },
    {
      label: 'admin screen form (CSRF in the body)',
      url: 'https://aftercare.test/admin/policy/blocklist',
      headers: { cookie: admin.cookie },
    },
    {
      label: 'admin screen form (CSRF in the header)',
      url: 'https://aftercare.test/admin/policy/blocklist',
      headers: withCsrf,
    },
    {
      label: 'admin bulk action (CSRF in the header)',
      url: 'https://aftercare.test/admin/cases/bulk',
      headers: withCsrf,
    },
    {
      label: 'shopper API photo upload',
      url: `https://aftercare.test/api/portal/${DEMO_SHOP_DOMAIN}/photos`,
      headers: { authorization: `Bearer ${token}` },
    },
  ];
});

describe('form routes outside the shopper page: a body the runtime cannot parse', () => {
  for (const encoding of unparseable) {
    it(`${encoding}: 4xx on every route, never a 5xx, nothing written`, async () => {
      const before = await snapshot();
      const failures: string[] = [];
      for (const r of routes) {
        const { body, type } = encode(
          [
            ['_csrf', 'x'],
            ['comment', 'hi'],
          ],
          encoding,
          3,
        );
        const res = await quietFetch(
          new Request(r.url, { method: 'POST', headers: { ...r.headers, 'content-type': type! }, body }),
        );
        const text = await res.text();
        if (res.status >= 500 || res.status < 400) failures.push(`${r.label}: ${res.status} ${text.slice(0, 120)}`);
      }
      expect(failures.join('\n')).toBe('');
      expect(await snapshot()).toBe(before);
    });
  }
});
