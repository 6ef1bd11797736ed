// storage: own (looks up the demo shop's fixed orders: the lookup rate limiter is per workerd, not per file)
/**
 * Regressions found by the shopper page's hostile-form properties (portal-forms.property.test.ts).
 *
 * Form bodies the runtime cannot parse (multipart without a boundary or cut short, a
 * urlencoded body declared UTF-16) made `parseBody` throw a TypeError, which the shopper page and
 * the survey form answered with a 500. They are the sender's fault: a 400 page, and nothing written.
 * Those 400 and 413 pages were English only in a localized portal: they now speak every locale.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_SHOP_DOMAIN } from '../../src/db/demo-data';
import { seedDemoShop } from '../../src/db/seed';
import { locales, translator, type MessageKey } from '../../src/i18n';
import {
  encode,
  goodCreds,
  jpeg,
  photoCount,
  postStep,
  shopper,
  stepUrl,
  type Encoding,
  type Mount,
} from './portal-forms';
import { quietFetch } from './quiet-worker';
import { snapshot } from './snapshot';

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  await seedDemoShop(env.DB, Date.now());
});

const unparseable: Encoding[] = ['multipart-no-boundary', 'multipart-broken', 'utf16'];

describe('shopper page: a form body the runtime cannot parse', () => {
  for (const encoding of unparseable) {
    it(`${encoding}: is refused with a 400 page on every form step and mount, and writes nothing`, async () => {
      const s = await shopper('ord_demo1001', 'regression-session');
      const before = await snapshot();
      for (const mount of ['portal', 'proxy'] as const) {
        for (const step of ['/lookup', '/order', '/submit']) {
          const res = await postStep(
            mount,
            step,
            goodCreds(s),
            [
              ['order', '#1001'],
              ['email', 'shopper@example.com'],
            ],
            encoding,
            7,
          );
          const text = await res.text();
          expect(res.status, `${mount}${step}: ${text.slice(0, 200)}`).toBe(400);
          expect(res.headers.get('content-type')).toContain('text/html');
        }
      }
      expect(await snapshot()).toBe(before);
    });
  }
});

describe('shopper page: a choose form refused after its photos were checked', () => {
  it('stores no photo when the request is refused as a whole (no resolution chosen), and stores it once the form is right', async () => {
    const s = await shopper('ord_demo1007', 'regression-photos');
    const line = 'line_demo1007_2';
    const fields = (resolution?: string): Array<[string, string | File]> => [
      [`qty_${line}`, '1'],
      [`reason_${line}`, 'damaged'],
      [`photos_${line}`, jpeg()],
      ...(resolution ? [['resolution', resolution] as [string, string]] : []),
      ['method', 'drop_off'],
    ];
    const before = await photoCount();
    const refused = await postStep('portal', '/order', goodCreds(s), fields(), 'multipart', 9);
    expect(refused.status).toBe(422);
    expect(await photoCount()).toBe(before);
    const accepted = await postStep('portal', '/order', goodCreds(s), fields('refund'), 'multipart', 9);
    expect(accepted.status).toBe(303);
    expect(await photoCount()).toBe(before + 1);
  });
});

describe('shopper page: a form body over the size limit', () => {
  it('is refused with a 413 page before it is read, on every form step and mount, and writes nothing', async () => {
    const s = await shopper('ord_demo1001', 'regression-size');
    const before = await snapshot();
    for (const mount of ['portal', 'proxy'] as const) {
      for (const [step, size] of [
        ['/lookup', 65 * 1024],
        ['/submit', 65 * 1024],
        ['/order', 50 * 1024 * 1024],
      ] as const) {
        // (50 MB bodies are slow to build: the choose form is tried urlencoded only.)
        for (const encoding of step === '/order' ? (['urlencoded'] as const) : (['urlencoded', 'multipart'] as const)) {
          const res = await postStep(
            mount,
            step,
            goodCreds(s),
            [
              ['order', '#1001'],
              ['email', 'shopper@example.com'],
              ['pad', 'x'.repeat(size)],
            ],
            encoding,
            11,
          );
          const text = await res.text();
          expect(res.status, `${mount}${step} ${encoding}: ${text.slice(0, 200)}`).toBe(413);
          expect(res.headers.get('content-type')).toContain('text/html');
        }
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('control: the same forms just under the limit are read (no 413)', async () => {
    const s = await shopper('ord_demo1001', 'regression-size');
    for (const step of ['/lookup', '/submit', '/order']) {
      const res = await postStep(
        'portal',
        step,
        goodCreds(s),
        [
          ['order', '#1001'],
          ['email', 'shopper@example.com'],
          ['pad', 'x'.repeat(60 * 1024)],
        ],
        'urlencoded',
        12,
      );
      await res.arrayBuffer();
      expect(res.status, step).not.toBe(413);
      expect(res.status, step).toBeLessThan(500);
    }
  });
});

describe("shopper page refusals in the shopper's language (400 unreadable form, 413 too large)", () => {
  const acceptLanguage = {
    en: 'en-GB,en;q=0.8',
    'zh-CN': 'zh-CN,zh;q=0.9,en;q=0.5',
    de: 'de-AT,de;q=0.9,en;q=0.5',
  } as const;
  const send = async (
    locale: keyof typeof acceptLanguage,
    mount: Mount,
    step: string,
    fields: Array<[string, string]>,
    encoding: Encoding,
  ) => {
    const { body, type } = encode(fields, encoding, 21);
    const headers: Record<string, string> = {
      'accept-language': acceptLanguage[locale],
      'cf-connecting-ip': '10.9.9.9',
      ...(type ? { 'content-type': type } : {}),
    };
    return quietFetch(new Request(await stepUrl(mount, step), { method: 'POST', headers, body, redirect: 'manual' }));
  };
  const cases: Array<[string, number, string, Array<[string, string]>, Encoding, MessageKey, MessageKey]> = [
    [
      'unreadable form',
      400,
      '/lookup',
      [['order', '#1001']],
      'multipart-no-boundary',
      'error.badForm',
      'error.badForm.hint',
    ],
    ['unreadable form', 400, '/submit', [['d', 'x']], 'utf16', 'error.badForm', 'error.badForm.hint'],
    [
      'form too large',
      413,
      '/lookup',
      [['pad', 'x'.repeat(65 * 1024)]],
      'urlencoded',
      'error.tooLarge',
      'error.tooLarge.hint',
    ],
    [
      'form too large',
      413,
      '/submit',
      [['pad', 'x'.repeat(65 * 1024)]],
      'multipart',
      'error.tooLarge',
      'error.tooLarge.hint',
    ],
  ];

  it('every supported locale gets its own words, its lang attribute and the portal frame, on both mounts', async () => {
    expect(Object.keys(acceptLanguage).sort()).toEqual([...locales].sort()); // a new locale must be added here
    for (const locale of locales) {
      const t = translator(locale);
      for (const mount of ['portal', 'proxy'] as const) {
        for (const [label, status, step, fields, encoding, title, hint] of cases) {
          const res = await send(locale, mount, step, fields, encoding);
          const html = await res.text();
          const where = `${locale} ${mount}${step} ${label}`;
          expect(res.status, where).toBe(status);
          expect(res.headers.get('content-type'), where).toContain('text/html');
          expect(html, where).toContain(`<html lang="${locale}">`);
          expect(html, where).toContain(t(title));
          expect(html, where).toContain(t(hint));
          // The same frame as the other portal pages: shop name, language switch, the way back.
          expect(html, where).toContain('<span class="brand">Demo Shop</span>');
          expect(html, where).toContain(`<nav aria-label="${t('lang.switch')}">`);
          expect(html, where).toContain(t('start.over'));
          if (locale !== 'en') expect(html, where).not.toContain(translator('en')(title));
        }
      }
    }
  });

  it('behind the app proxy the way back and the language links carry the language (no cookies there)', async () => {
    const html = await (await send('zh-CN', 'proxy', '/lookup', [['order', '#1001']], 'multipart-broken')).text();
    expect(html).toContain('href="/apps/returns?lang=zh-CN"');
    expect(html).toContain('href="/apps/returns?lang=en"');
  });

  it("a refusal before the shop is known (unknown shop) is a bare page, still in the shopper's language", async () => {
    const res = await quietFetch(
      new Request('https://aftercare.test/portal/no-such-shop.myshopify.com', {
        headers: { 'accept-language': 'zh-CN' },
      }),
    );
    const html = await res.text();
    expect(res.status).toBe(404);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain(translator('zh-CN')('error.notFound'));
  });

  it('the JSON API keeps answering problem+json, whatever the language', async () => {
    const res = await quietFetch(
      new Request(`https://aftercare.test/api/portal/${DEMO_SHOP_DOMAIN}/lookup`, {
        method: 'POST',
        headers: { 'accept-language': 'zh-CN', 'content-type': 'application/json' },
        body: JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 1) }),
      }),
    );
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ code: 'payload_too_large', status: 413 });
  });
});
