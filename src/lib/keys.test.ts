import { describe, expect, it } from 'vitest';
import { signSession } from '../admin/auth/cookie-session';
import { signSurveyToken, verifySurveyToken } from '../surveys/token';
import { verifyShopperToken } from '../portal/token';
import { toBase64Url, toHex } from './crypto';
import { KEY_LABELS, macFor, type KeyPurpose, weakSecretReason } from './keys';

const SECRET = 'keys-test-secret-Vb8Lq3Nz6Rw1Ty4Pk7Hs2Jd9Fm5Gc0X';
const purposes = Object.keys(KEY_LABELS) as KeyPurpose[];

describe('APP_SECRET strength', () => {
  it('refuses what cannot hold 32 random bytes', () => {
    for (const weak of ['', 'dev-app-secret', 'x'.repeat(42), 'a'.repeat(100), 'ab'.repeat(40), 'f'.repeat(63)])
      expect(weakSecretReason(weak), weak).not.toBeNull();
    expect(weakSecretReason('0123456789abcdef'.repeat(3) + '0123456789abcde')).toMatch(/64 hex/);
  });

  it('accepts 32 random bytes as base64, base64url or hex', () => {
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    expect(weakSecretReason(btoa(String.fromCharCode(...bytes)))).toBeNull();
    expect(weakSecretReason(toBase64Url(bytes))).toBeNull();
    expect(weakSecretReason(toHex(bytes))).toBeNull();
  });
});

describe('one subkey per purpose', () => {
  it('gives every purpose a different MAC for the same message', async () => {
    const macs = await Promise.all(purposes.map(async (p) => toHex(await macFor(SECRET, p, 'same message'))));
    expect(new Set(macs).size).toBe(purposes.length);
    // and none of them is the plain HMAC of the root secret (which shoppers used to receive samples of)
    const key = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(SECRET),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const plain = toHex(
      new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode('same message'))),
    );
    expect(macs).not.toContain(plain);
  });

  it('refuses a token signed for one purpose when presented for another', async () => {
    const now = Date.UTC(2026, 0, 1);
    const body = toBase64Url(
      new TextEncoder().encode(
        JSON.stringify({ s: 'shop_1', o: 'ord_1', c: null, exp: now + 60_000, jti: 'session-1' }),
      ),
    );
    const signedAs = async (p: KeyPurpose) => `v1.${body}.${toBase64Url(await macFor(SECRET, p, body))}`;
    expect(await verifyShopperToken(SECRET, await signedAs('shopper-token'), now, 'shop_1')).not.toBeNull();
    for (const other of purposes.filter((p) => p !== 'shopper-token'))
      expect(await verifyShopperToken(SECRET, await signedAs(other), now, 'shop_1'), other).toBeNull();

    // A survey link's body signed as an admin session cookie does not pass as a survey link.
    const survey = await signSurveyToken(SECRET, { s: 'sv_1', h: 'shop_1', p: 'a', v: 5, e: now + 60_000 });
    expect(await verifySurveyToken(SECRET, survey, now)).not.toBeNull();
    const surveyBody = survey.split('.')[0]!;
    const asCookie = `${surveyBody}.${toBase64Url(await macFor(SECRET, 'admin-session', surveyBody))}`;
    expect(await verifySurveyToken(SECRET, asCookie, now)).toBeNull();
    // …and a session cookie's signature is not a survey MAC of the same payload.
    const cookie = await signSession(SECRET, {
      sid: 's',
      shop: 'a.myshopify.com',
      user: 'agent:x',
      exp: now + 1,
      gen: 0,
    });
    const [payload, sig] = cookie.split('.');
    expect(sig).not.toBe(toBase64Url(await macFor(SECRET, 'survey-link', payload!)));
  });
});
