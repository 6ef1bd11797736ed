/**
 * Hostile input for property tests: what a careless or malicious caller sends. JSON that is
 * deeply nested, numbers past 2^53 and 1e308, strings with NULs, lone surrogates and RTL marks,
 * prototype-pollution keys, wrong content types, bodies that are not UTF-8 or not JSON at all.
 */
import fc from 'fast-check';

const nastyStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\u202e#1001',
  '#'.repeat(5000),
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  '%00',
  '${7*7}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  '9'.repeat(400),
  'NaN',
  '-0',
  '1e309',
  'shopper@example.com\r\nBcc: x@evil.test',
  'ＡＢＣ＠ｅｘａｍｐｌｅ．ｃｏｍ',
);

export const hostileString = fc.oneof(
  nastyStrings,
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
);

export const hugeNumber = fc.oneof(
  fc.constantFrom(2 ** 53 + 1, -(2 ** 53) - 1, 1e308, -1e308, Number.MIN_VALUE, -0, 0.1 + 0.2, 4294967296),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** A JSON value that may be very deep: objects inside arrays inside objects, 40+ levels. */
export const deepJson: fc.Arbitrary<unknown> = fc.integer({ min: 20, max: 2000 }).map((depth) => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
});

export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  deepJson,
  fc.dictionary(
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'order', 'email', 'items'),
    fc.oneof(hostileString, hugeNumber, fc.jsonValue({ maxDepth: 2 })),
  ),
  hugeNumber,
  hostileString,
  fc.constant(null),
);

/** Raw body text that is not valid JSON, or JSON in a form parsers trip on. */
export const brokenBodyText = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '}',
    '[',
    '{"order":',
    '{"order":"#1001",}',
    'null',
    'true',
    '"str"',
    '\ufeff{"order":"#1001"}',
    '{"a":1e999999}',
    '{"__proto__":{"admin":true}}',
    '['.repeat(10000),
  ),
  fc.string({ maxLength: 500 }),
);

/** Bytes that are not UTF-8 (lone continuation bytes, overlongs, UTF-16 with BOM). */
export const brokenBodyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.constantFrom(
    new Uint8Array([0xc0, 0xaf]),
    new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
    new Uint8Array([0x80, 0x80, 0x80]),
    new Uint8Array([0xed, 0xa0, 0x80]),
  ),
);

export const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'multipart/form-data',
  'application/xml',
  'application/json; charset=utf-8; boundary=--',
  '',
  '*/*',
);

/** A body in one of the forms above, ready for `new Request(…, { body })`. */
export const hostileBody: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  hostileJson.map((v) => {
    try {
      return JSON.stringify(v) ?? 'null';
    } catch {
      return '[]';
    }
  }),
  brokenBodyText,
  brokenBodyBytes,
);

/** A client address per run, so the per-IP lookup limiter does not turn every run into a 429. */
export const clientIp = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([a, b, c]) => `10.${a}.${b}.${c}`);

/** Runs per property: at least 1,000, in CI too. */
export const RUNS = 1000;
