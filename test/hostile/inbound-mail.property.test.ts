/**
 * Hostile mail at the Worker's `email()` export: the real fixtures, mangled (bytes flipped, cut
 * short, junk spliced in, line endings changed, headers doubled or emptied, lying sizes, raw
 * garbage). Property: the handler never throws and never answers a temporary failure (which would
 * mean something broke on our side); a message is either stored once (one inbound row, no rejection) or
 * refused, and what is refused leaves no row and no object in the MAIL bucket.
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEMPORARY_FAILURE } from '../../src/conversations/email-handler';
import worker from '../../src/index';
import { emailMessage, fixtures } from '../conversations/mail-helpers';
import { demoShop } from '../portal/helpers';

beforeAll(demoShop);

const RUNS = 1000;
const encoder = new TextEncoder();
const names = Object.keys(fixtures) as Array<keyof typeof fixtures>;

type Mangle = (raw: Uint8Array) => Uint8Array;
const at = (n: number, raw: Uint8Array) => (raw.length === 0 ? 0 : n % raw.length);
const splice = (raw: Uint8Array, i: number, insert: Uint8Array, remove = 0) => {
  const out = new Uint8Array(raw.length - remove + insert.length);
  out.set(raw.subarray(0, i));
  out.set(insert, i);
  out.set(raw.subarray(i + remove), i + insert.length);
  return out;
};
const text = (raw: Uint8Array) => new TextDecoder('latin1').decode(raw);
const bytesOf = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0) & 0xff);

const mangle: fc.Arbitrary<Mangle> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(
    ([n, x]): Mangle =>
      (raw) => {
        const out = raw.slice();
        const i = at(n, out);
        if (out.length) out[i] = (out[i] ?? 0) ^ x;
        return out;
      },
  ),
  fc.nat().map(
    (n): Mangle =>
      (raw) =>
        raw.subarray(0, at(n, raw)),
  ),
  fc.tuple(fc.nat(), fc.uint8Array({ maxLength: 200 })).map(
    ([n, junk]): Mangle =>
      (raw) =>
        splice(raw, at(n, raw), junk),
  ),
  fc.tuple(fc.nat(), fc.nat({ max: 500 })).map(
    ([n, len]): Mangle =>
      (raw) =>
        splice(raw, at(n, raw), new Uint8Array(), Math.min(len, raw.length - at(n, raw))),
  ),
  fc.constant<Mangle>((raw) => bytesOf(text(raw).replaceAll('\r\n', '\n'))),
  fc.constant<Mangle>((raw) => bytesOf(text(raw).replace(/\r\n\r\n/, '\r\n'))),
  fc.constantFrom('From', 'To', 'Message-ID', 'Content-Type', 'Subject', 'In-Reply-To', 'References').map(
    (h): Mangle =>
      (raw) =>
        bytesOf(text(raw).replace(new RegExp(`^${h}:[^\\r\\n]*`, 'mi'), `${h}: ${'\u00ff<'.repeat(50)}`)),
  ),
  fc
    .constantFrom(
      'Content-Type: multipart/mixed; boundary=""',
      'Content-Transfer-Encoding: base64',
      'From: <>',
      'Message-ID: <>',
    )
    .map(
      (h): Mangle =>
        (raw) =>
          bytesOf(`${h}\r\n${text(raw)}`),
    ),
  fc.uint8Array({ maxLength: 2000 }).map(
    (junk): Mangle =>
      () =>
        junk,
  ),
);

const delivery = fc.record({
  name: fc.constantFrom(...names),
  mangles: fc.array(mangle, { maxLength: 4 }),
  lieAboutSize: fc.boolean(),
  to: fc.constantFrom('support@demo-shop.example', 'reply+1001-000000000000@demo-shop.example', 'x@nowhere.example'),
});

const stored = async () => ({
  rows: (await env.DB.prepare("SELECT COUNT(*) AS n FROM messages WHERE direction = 'in'").first<{ n: number }>())!.n,
  objects: (await env.MAIL.list({ limit: 1000 })).objects.length,
});

describe('email() under hostile mail', () => {
  it(`${RUNS} mangled messages: never an unhandled error, nothing stored for what is refused`, async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(delivery, async (d) => {
        const raw = d.mangles.reduce((bytes, m) => m(bytes), encoder.encode(fixtures[d.name]));
        const message = emailMessage(raw, { to: d.to, ...(d.lieAboutSize ? { rawSize: 10 } : {}) });
        const before = await stored();
        await worker.email!(message, env, {} as ExecutionContext);
        const after = await stored();
        expect(message.rejected).not.toBe(TEMPORARY_FAILURE);
        expect(after.rows - before.rows).toBeLessThanOrEqual(1);
        if (after.rows === before.rows) expect(after.objects).toBe(before.objects);
        else {
          expect(message.rejected).toBeNull();
          accepted++;
        }
      }),
      { numRuns: RUNS },
    );
    // The control: hostile input did not simply refuse everything.
    expect(accepted).toBeGreaterThan(0);
  }, 300_000);
});
