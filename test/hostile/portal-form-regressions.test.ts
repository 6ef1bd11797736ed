/**
 * Regressions found by the shopper page's hostile-form properties (portal-forms.property.test.ts).
 *
 * Form bodies the runtime cannot parse (multipart without a boundary or cut short, a
 * urlencoded body declared UTF-16) made `parseBody` throw a TypeError, which the shopper page and
 * the survey form answered with a 500. They are the sender's fault: a 400 page, and nothing written.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { seedDemoShop } from '../../src/db/seed';
import { goodCreds, jpeg, photoCount, postStep, shopper, type Encoding } from './portal-forms';
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
          const res = await postStep(mount, step, goodCreds(s), [['order', '#1001'], ['email', 'shopper@example.com']], encoding, 7);
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
      for (const [step, size] of [['/lookup', 65 * 1024], ['/submit', 65 * 1024], ['/order', 50 * 1024 * 1024]] as const) {
        // (50 MB bodies are slow to build: the choose form is tried urlencoded only.)
        for (const encoding of step === '/order' ? (['urlencoded'] as const) : (['urlencoded', 'multipart'] as const)) {
          const res = await postStep(mount, step, goodCreds(s), [['order', '#1001'], ['email', 'shopper@example.com'], ['pad', 'x'.repeat(size)]], encoding, 11);
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
      const res = await postStep('portal', step, goodCreds(s), [['order', '#1001'], ['email', 'shopper@example.com'], ['pad', 'x'.repeat(60 * 1024)]], 'urlencoded', 12);
      await res.arrayBuffer();
      expect(res.status, step).not.toBe(413);
      expect(res.status, step).toBeLessThan(500);
    }
  });
});
