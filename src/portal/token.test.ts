import { describe, expect, it } from 'vitest';
import { csrfToken, verifyCsrf } from './csrf';
import { DRAFT_TTL_MS, readDraft, signDraft } from './draft';
import { sniffPhotoType } from './photos';
import { signShopperToken, verifyShopperToken, type ShopperClaims } from './token';

const claims: ShopperClaims = {
  shopId: 'shop_a',
  orderId: 'ord_1',
  customerId: 'cus_1',
  expiresAt: 2_000,
  sessionId: 'session-aaaa',
};

describe('shopper token', () => {
  it('round-trips its claims until it expires, for its shop only', async () => {
    const token = await signShopperToken('secret-1', claims);
    expect(await verifyShopperToken('secret-1', token, 1_999, 'shop_a')).toEqual(claims);
    expect(await verifyShopperToken('secret-1', token, 2_000, 'shop_a')).toBeNull();
    expect(await verifyShopperToken('secret-1', token, 1_000, 'shop_b')).toBeNull();
    expect(await verifyShopperToken('secret-2', token, 1_000, 'shop_a')).toBeNull();
  });

  it('refuses any changed character', async () => {
    const token = await signShopperToken('secret-1', claims);
    for (let i = 3; i < token.length; i += 7) {
      const c = token[i] === 'A' ? 'B' : 'A';
      const bad = token.slice(0, i) + c + token.slice(i + 1);
      if (bad !== token) expect(await verifyShopperToken('secret-1', bad, 1_000, 'shop_a')).toBeNull();
    }
  });
});

describe('CSRF token', () => {
  it('verifies for its session and cookie nonce only', async () => {
    const t = await csrfToken('s', 'nonce-1234567890abcd', 'sess-1');
    expect(await verifyCsrf('s', t, 'nonce-1234567890abcd', 'sess-1', true)).toBe(true);
    expect(await verifyCsrf('s', t, 'other-nonce-12345678', 'sess-1', true)).toBe(false);
    expect(await verifyCsrf('s', t, null, 'sess-1', true)).toBe(false);
    expect(await verifyCsrf('s', t, 'nonce-1234567890abcd', 'sess-2', true)).toBe(false);
    expect(await verifyCsrf('s', undefined, 'nonce-1234567890abcd', 'sess-1', true)).toBe(false);
    // Behind the app proxy (no cookies) the signature over the session is the check.
    expect(await verifyCsrf('s', t, null, 'sess-1', false)).toBe(true);
  });
});

describe('draft', () => {
  const req = {
    items: [{ lineItemId: 'line_1', quantity: 1, reason: 'too_small' }],
    resolution: 'refund' as const,
    method: 'drop_off' as const,
  };
  const bound = { sessionId: 'sess-1', orderId: 'ord_1' };
  const now = 1_800_000_000_000;
  const cookie = { now, carrier: 'cookie' as const };

  it('is bound to the session and the order and refuses edits', async () => {
    const d = await signDraft('s', bound, req, cookie);
    expect(await readDraft('s', bound, d, cookie)).toEqual({ ok: true, request: req });
    expect(await readDraft('s', { ...bound, sessionId: 'sess-2' }, d, cookie)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await readDraft('s', { ...bound, orderId: 'ord_2' }, d, cookie)).toEqual({ ok: false, reason: 'invalid' });
    const edited = btoa(JSON.stringify({ ...req, items: [{ ...req.items[0], quantity: 9 }] })).replaceAll('=', '');
    expect(await readDraft('s', bound, `${edited}.${d.split('.')[1]}`, cookie)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await readDraft('s', bound, undefined, cookie)).toEqual({ ok: false, reason: 'missing' });
  });

  it('expires after DRAFT_TTL_MS', async () => {
    const d = await signDraft('s', bound, req, cookie);
    expect((await readDraft('s', bound, d, { ...cookie, now: now + DRAFT_TTL_MS - 1 })).ok).toBe(true);
    expect(await readDraft('s', bound, d, { ...cookie, now: now + DRAFT_TTL_MS })).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('signs the cookie draft and the proxy link draft with different subkeys', async () => {
    const inCookie = await signDraft('s', bound, req, cookie);
    const inLink = await signDraft('s', bound, req, { now, carrier: 'proxy-url' });
    expect((await readDraft('s', bound, inLink, { now, carrier: 'proxy-url' })).ok).toBe(true);
    expect(await readDraft('s', bound, inLink, cookie)).toEqual({ ok: false, reason: 'invalid' });
    expect(await readDraft('s', bound, inCookie, { now, carrier: 'proxy-url' })).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });
});

describe('photo type sniffing', () => {
  it('knows JPEG, PNG, WebP and HEIC by their first bytes, whatever the file is called', () => {
    const bytes = (...parts: Array<number[] | string>) =>
      new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
    expect(sniffPhotoType(bytes([0xff, 0xd8, 0xff, 0xe1]))).toBe('image/jpeg');
    expect(sniffPhotoType(bytes([0x89], 'PNG', [0x0d, 0x0a]))).toBe('image/png');
    expect(sniffPhotoType(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffPhotoType(bytes([0, 0, 0, 0x18], 'ftypheic'))).toBe('image/heic');
    expect(sniffPhotoType(bytes('<svg xmlns='))).toBeNull();
    expect(sniffPhotoType(bytes('GIF89a'))).toBeNull();
  });
});
