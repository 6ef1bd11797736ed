/**
 * The two shopper inputs outside the page's own forms: the shopper API's photo upload
 * (`POST /api/portal/<shop>/photos`, multipart) and the survey comment form (`POST /survey/<token>`).
 * Hostile multipart bodies (no boundary, cut short, not multipart at all), files that are not
 * images, empty or too many; survey fields with huge, negative or non-numeric scores, oversized
 * comments, duplicated fields, every encoding. Property: never a 5xx; a refused upload stores no
 * photo, a refused survey answer writes nothing, an accepted one stays inside the survey's scale.
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_SHOP_DOMAIN, DEMO_SHOP_ID } from '../../src/db/demo-data';
import { seedDemoShop } from '../../src/db/seed';
import { signSurveyToken } from '../../src/surveys/token';
import { hostileString, RUNS } from './arbitraries';
import { encode, encodings, mutatedFields, photoCount, shopper, type Fields } from './portal-forms';
import { quietFetch } from './quiet-worker';
import { WriteWatch } from './snapshot';

const statuses = new Map<string, number>();
const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
const magic: Record<string, number[]> = {
  jpeg: [0xff, 0xd8, 0xff, 0xe0],
  png: [0x89, 0x50, 0x4e, 0x47],
  webp: [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50],
  heic: [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63],
};
const file = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom(...Object.keys(magic)), fc.integer({ min: 0, max: 2048 }))
      .map(([kind, pad]) => new File([new Uint8Array([...magic[kind]!, ...new Uint8Array(pad)])], `p.${kind}`)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      new File(['<svg onload=alert(1)/>'], 'x.jpg', { type: 'image/jpeg' }),
      new File([], 'empty.jpg'),
      new File(['MZ'], '../../evil.exe'),
      new File([new Uint8Array([0xff, 0xd8])], 'short.jpg'),
    ),
  },
);

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  await seedDemoShop(env.DB, Date.now());
});

afterAll(() => {
  console.info('shopper upload outcomes', Object.fromEntries(statuses));
});

describe('shopper uploads and survey answers under hostile input', { timeout: 300_000 }, () => {
  it('photo upload: hostile multipart bodies and files → 201 with every file stored, or a 4xx problem that stores nothing; never 5xx', async () => {
    const { token } = await shopper('ord_demo1001', 'hostile-uploads');
    const body = fc.tuple(
      fc.array(fc.tuple(fc.constantFrom('photo', 'file', 'other', 'photo[]'), file), { maxLength: 8 }),
      fc.constantFrom(...encodings),
      fc.nat(),
    );
    let photos = await photoCount();
    await fc.assert(
      fc.asyncProperty(body, async ([files, encoding, seed]) => {
        const fields: Fields = files;
        const { body: b, type } = encode(fields, encoding, seed);
        const headers = new Headers({ authorization: `Bearer ${token}` });
        if (type) headers.set('content-type', type);
        const res = await quietFetch(
          new Request(`https://aftercare.test/api/portal/${DEMO_SHOP_DOMAIN}/photos`, {
            method: 'POST',
            headers,
            body: b,
          }),
        );
        const text = await res.text();
        const label = `${encoding} ${files.map(([k, f]) => `${k}:${f.name}:${f.size}`).join(' ')}: ${res.status} ${text.slice(0, 200)}`;
        count(`photos ${res.status}`);
        expect(res.status, label).toBeLessThan(500);
        const now = await photoCount();
        if (res.status === 201) {
          const stored = (JSON.parse(text) as { photos: unknown[] }).photos.length;
          expect(now - photos, label).toBe(stored);
          photos = now;
          return;
        }
        expect(res.status, label).toBeGreaterThanOrEqual(400);
        expect(res.headers.get('content-type') ?? '', label).toContain('application/problem+json');
        expect(now, `${label} stored a photo while refused`).toBe(photos);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(statuses.get('photos 201') ?? 0, 'valid uploads were accepted').toBeGreaterThan(20);
    expect(statuses.get('photos 415') ?? 0, 'non-images were refused').toBeGreaterThan(20);
  });

  it('regression: an upload of a valid photo and then a non-image is refused (415) and stores neither', async () => {
    const { token } = await shopper('ord_demo1001', 'hostile-uploads-regression');
    const form = new FormData();
    form.append('photo', new File([new Uint8Array(magic.jpeg!)], 'ok.jpg'));
    form.append('photo', new File(['<svg/>'], 'bad.jpg'));
    const before = await photoCount();
    const res = await quietFetch(
      new Request(`https://aftercare.test/api/portal/${DEMO_SHOP_DOMAIN}/photos`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      }),
    );
    expect(res.status).toBe(415);
    expect(await photoCount()).toBe(before);
  });

  it('survey comment form: hostile scores, comments and encodings → the page or a 4xx, never 5xx; a refusal writes nothing, an answer stays in scale', async () => {
    const now = Date.now();
    await env.DB.prepare(
      "INSERT INTO surveys (id, shop_id, subject, kind, status, recipient, locale, due_at, sent_at, created_at, updated_at) VALUES ('svy_form', ?, 'delivery:form', 'nps', 'sent', 'a@example.com', 'en', ?, ?, ?, ?)",
    )
      .bind(DEMO_SHOP_ID, now, now, now, now)
      .run();
    const token = await signSurveyToken('test-app-secret-Kq7vN2xR9pL4mW8sT1yB6cF3hJ0dG5zA', {
      s: 'svy_form',
      h: DEMO_SHOP_ID,
      p: 'a',
      e: now + 86_400_000,
    });
    const watch = new WriteWatch();
    await watch.accept();
    const valid: Fields = [
      ['score', '7'],
      ['comment', 'fine'],
    ];
    const fields = fc.oneof(
      mutatedFields(valid, ['score', 'comment']),
      fc.tuple(fc.oneof(hostileString, fc.integer().map(String)), hostileString).map(([score, comment]) => ({
        fields: [
          ['score', score],
          ['comment', comment],
        ] as Fields,
        changed: true,
      })),
    );
    await fc.assert(
      fc.asyncProperty(fields, fc.constantFrom(...encodings), fc.nat(), async ({ fields: f }, encoding, seed) => {
        const before = await watch.baseline();
        const { body, type } = encode(f, encoding, seed);
        const headers = new Headers();
        if (type) headers.set('content-type', type);
        const res = await quietFetch(
          new Request(`https://aftercare.test/survey/${token}`, { method: 'POST', headers, body }),
        );
        const text = await res.text();
        const label = `${encoding} ${JSON.stringify(f).slice(0, 200)}: ${res.status} ${text.slice(0, 200)}`;
        count(`survey ${res.status}`);
        expect(res.status, label).toBeLessThan(500);
        const row = await env.DB.prepare("SELECT score, comment FROM surveys WHERE id = 'svy_form'").first<{
          score: number | null;
          comment: string | null;
        }>();
        expect(
          row!.score === null || (Number.isInteger(row!.score) && row!.score >= 0 && row!.score <= 10),
          label,
        ).toBe(true);
        expect((row!.comment ?? '').length, label).toBeLessThanOrEqual(2000);
        const followUps = await env.DB.prepare(
          "SELECT COUNT(*) AS n FROM surveys WHERE id = 'svy_form' AND follow_up_case_id IS NOT NULL",
        ).first<number>('n');
        expect(followUps).toBeLessThanOrEqual(1);
        if (res.status === 200) return watch.accept();
        expect(await watch.current(), `${label} wrote while refused`).toBe(before);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(statuses.get('survey 200') ?? 0).toBeGreaterThan(20);
  });
});
