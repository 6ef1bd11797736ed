import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newTextOf } from './fold-quotes';
import { classifyIntent, intents } from './intent';
import { fixture, fixtureNames } from './mail-fixtures.test-support';
import { findOrderRefs } from './order-refs';
import { parseInboundMail } from './parse-mail';
import { screenInbound } from './screen-mail';
import { threadKeysOf } from './thread';

const encoder = new TextEncoder();
const fixtures = fixtureNames.map(fixture);
const reasons = ['auto_submitted', 'bounce', 'bulk', 'too_large', 'no_sender', 'auth_failed'];

const nastyHeaders = [
  'Content-Type: multipart/mixed; boundary=',
  'Content-Type: multipart/alternative; boundary="x"',
  'Content-Type: text/html; charset=x-unknown-charset',
  'Content-Transfer-Encoding: base64',
  'Content-Transfer-Encoding: quoted-printable',
  'Subject: =?GBK?B?////?= =?ISO-2022-JP?B?GyRC?= =?utf-8?Q?=ZZ=?=',
  'From: <<<@>>>, "unterminated',
  'Message-ID: <>',
  'References: < > <<a@b>> <',
  'Authentication-Results: mx.cloudflare.net; dmarc=',
  'Auto-Submitted:',
  ' folded continuation with no header',
  "Content-Disposition: attachment; filename*=utf-8''%ZZ",
];

type Mutation = (bytes: Uint8Array) => Uint8Array;

function splice(bytes: Uint8Array, at: number, insert: Uint8Array, remove = 0): Uint8Array {
  const cut = at % (bytes.length + 1);
  return new Uint8Array([...bytes.subarray(0, cut), ...insert, ...bytes.subarray(cut + remove)]);
}

/** The offset of one of the message's line starts, chosen by `at`. */
function lineStart(bytes: Uint8Array, at: number): number {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) starts.push(i + 1);
  return starts[at % starts.length]!;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(
    ([at, byte]): Mutation =>
      (b) => {
        const copy = b.slice();
        if (copy.length > 0) copy[at % copy.length] = byte;
        return copy;
      },
  ),
  fc.nat().map(
    (at): Mutation =>
      (b) =>
        b.subarray(0, at % (b.length + 1)),
  ),
  // Most truncations keep the headers, so that what breaks is the body's parts.
  fc.nat().map(
    (at): Mutation =>
      (b) =>
        b.subarray(0, b.length - (at % Math.ceil(b.length / 2 + 1))),
  ),
  fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...nastyHeaders), fc.string({ maxLength: 80 }))).map(
    ([at, line]): Mutation =>
      (b) =>
        splice(b, lineStart(b, at), encoder.encode(`${line}\r\n`)),
  ),
  fc.tuple(fc.nat(), fc.string({ maxLength: 70 })).map(
    ([at, boundary]): Mutation =>
      (b) => {
        return splice(
          b,
          at,
          encoder.encode(`\r\n--${boundary}\r\nContent-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n`),
        );
      },
  ),
  fc.tuple(fc.nat(), fc.uint8Array({ maxLength: 64 }), fc.nat({ max: 64 })).map(
    ([at, bytes, remove]): Mutation =>
      (b) =>
        splice(b, at, bytes, remove),
  ),
);

const mangledMessage = fc
  .oneof(
    {
      weight: 9,
      arbitrary: fc.tuple(fc.constantFrom(...fixtures), fc.array(mutation, { minLength: 1, maxLength: 4 })),
    },
    { weight: 1, arbitrary: fc.tuple(fc.uint8Array({ maxLength: 2000 }), fc.constant([] as Mutation[])) },
  )
  .map(([bytes, mutations]) => mutations.reduce((b, mutate) => mutate(b), bytes));

async function throughThePipeline(raw: Uint8Array): Promise<void> {
  const parsed = await parseInboundMail(raw);
  if (!parsed.ok) {
    expect(['empty', 'unparseable']).toContain(parsed.error.code);
    return;
  }
  const { mail } = parsed;
  expect(typeof mail.messageId).toBe('string');
  expect(mail.messageId.length).toBeGreaterThan(0);
  const verdict = screenInbound(mail, { maxBytes: 25 * 1024 * 1024, rawSize: raw.byteLength });
  if (!verdict.accept) expect(reasons).toContain(verdict.reason);
  const { newText, folded } = newTextOf(mail.text);
  expect(typeof newText).toBe('string');
  expect(typeof folded).toBe('boolean');
  const classification = classifyIntent(mail.subject, newText);
  expect(intents).toContain(classification.intent);
  for (const ref of findOrderRefs(`${mail.subject}\n${newText}`)) expect(ref).toMatch(/^\d+$/);
  expect(Array.isArray(threadKeysOf(mail).messageIds)).toBe(true);
}

describe('inbound mail under mangling', () => {
  it('parses, screens, folds and classifies 1,000 mangled messages without throwing', async () => {
    await fc.assert(fc.asyncProperty(mangledMessage, throughThePipeline), { numRuns: 1000 });
  }, 60_000);
});
