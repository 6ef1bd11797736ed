import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { getShopAccessToken, storeShopTokens } from '../../src/integrations/shopify/shop-credentials';
import { decryptSecret, sealedKeyId } from '../../src/integrations/shopify/token-vault';
import { createApp } from '../../src/app';
import { findShopById } from '../../src/db/shops';
import type { Env } from '../../src/env';
import { toBase64Url } from '../../src/lib/crypto';
import { vaultFallbackKey } from '../../src/lib/keys';
import { createServices } from '../../src/services';
import { createShop } from '../helpers/factory';

const key = () => toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
const K1 = `k1:${key()}`;
const K2 = `k2:${key()}`;
const withKeys = (keys?: string) => ({ ...env, INTEGRATIONS: 'live', TOKEN_ENCRYPTION_KEYS: keys }) as Env;
const grant = (n: string) => ({
  accessToken: `shpat_${n}`,
  refreshToken: `shprt_${n}`,
  scope: 'read_orders',
  expiresAt: undefined,
  refreshTokenExpiresAt: undefined,
});
const app = createApp();
const rotate = (e: Env, body: unknown = {}, token = env.ADMIN_TOKEN) =>
  app.request(
    '/api/operator/tokens/reencrypt',
    {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    },
    e,
  );

/** The pre-keyring format, `v1.<iv>.<ct>` under the APP_SECRET-derived key, as rows stored before hold it. */
async function legacySeal(shopId: string, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(shopId) },
    await vaultFallbackKey(env.APP_SECRET),
    new TextEncoder().encode(plaintext),
  );
  return `v1.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ct))}`;
}

describe('stored Shopify tokens under a rotatable keyring', () => {
  it('decrypts k1 tokens after k2 is added, re-encrypts every token to k2 with the rotate command, then k1 can go', async () => {
    const a = await createShop(env.DB);
    const b = await createShop(env.DB);
    const c = await createShop(env.DB);
    await storeShopTokens(createServices(withKeys(K1)), a.id, grant('a'));
    await storeShopTokens(createServices(withKeys()), b.id, grant('b'));
    await env.DB.prepare('UPDATE shops SET access_token_enc = ? WHERE id = ?')
      .bind(await legacySeal(c.id, 'shpat_c'), c.id)
      .run();
    expect(sealedKeyId((await findShopById(createServices(env), a.id))!.accessTokenEnc!)).toBe('k1');
    expect(sealedKeyId((await findShopById(createServices(env), b.id))!.accessTokenEnc!)).toBe('app');

    // k2 added in front: everything stored before still opens.
    const rotated = withKeys(`${K2},${K1}`);
    const s2 = createServices(rotated);
    expect(await getShopAccessToken(s2, a.id)).toBe('shpat_a');
    expect(await getShopAccessToken(s2, b.id)).toBe('shpat_b');
    expect(await getShopAccessToken(s2, c.id)).toBe('shpat_c');

    // The rotate command, page by page until `next` is null.
    const totals = { reencrypted: 0, undecryptable: 0 };
    let after: string | undefined;
    do {
      const res = await rotate(rotated, { after, limit: 2 });
      expect(res.status).toBe(200);
      const page = (await res.json()) as {
        currentKeyId: string;
        reencrypted: number;
        undecryptable: string[];
        next: string | null;
      };
      expect(page.currentKeyId).toBe('k2');
      totals.reencrypted += page.reencrypted;
      totals.undecryptable += page.undecryptable.length;
      after = page.next ?? undefined;
    } while (after);
    expect(totals).toEqual({ reencrypted: 3, undecryptable: 0 });
    for (const [shop, n] of [
      [a, 'a'],
      [b, 'b'],
      [c, 'c'],
    ] as const) {
      const row = (await findShopById(s2, shop.id))!;
      expect(sealedKeyId(row.accessTokenEnc!)).toBe('k2');
      expect(await decryptSecret(s2.settings, shop.id, row.accessTokenEnc!)).toBe(`shpat_${n}`);
      if (row.refreshTokenEnc) expect(sealedKeyId(row.refreshTokenEnc)).toBe('k2');
    }

    // Each shop's audit trail says the operator re-sealed its tokens, from which key to which, once.
    const reencrypted = await env.DB.prepare(
      "SELECT shop_id, actor, data FROM shop_events WHERE type = 'TokensReencrypted' AND shop_id IN (?, ?, ?)",
    )
      .bind(a.id, b.id, c.id)
      .all<{ shop_id: string; actor: string; data: string }>();
    expect(reencrypted.results.map((r) => r.shop_id).sort()).toEqual([a.id, b.id, c.id].sort());
    for (const r of reencrypted.results) {
      expect(r.actor).toBe('operator');
      expect(JSON.parse(r.data).changes.key.to).toBe('k2');
      expect(r.data).not.toContain('shpat_');
    }

    // A second run has nothing left to do; and with k1 removed every token still opens.
    const again = (await (await rotate(rotated, { limit: 200 })).json()) as { reencrypted: number };
    expect(again.reencrypted).toBe(0);
    const onlyK2 = createServices(withKeys(K2));
    expect(await getShopAccessToken(onlyK2, a.id)).toBe('shpat_a');
    expect(await getShopAccessToken(onlyK2, c.id)).toBe('shpat_c');
  });

  it('is for the operator token only', async () => {
    expect((await rotate(withKeys(K2), {}, 'not-the-operator-token')).status).toBe(401);
    expect(
      (
        await app.request(
          '/api/operator/tokens/reencrypt',
          { method: 'POST', headers: { 'x-shop-domain': 'demo-shop.myshopify.com' } },
          withKeys(K2),
        )
      ).status,
    ).toBe(401);
  });

  it('a key removed too early leaves the token unreadable and reported, never overwritten', async () => {
    const d = await createShop(env.DB);
    await storeShopTokens(createServices(withKeys(K1)), d.id, grant('d'));
    const res = await rotate(withKeys(K2), { after: d.id.slice(0, -1), limit: 200 });
    const body = (await res.json()) as { undecryptable: string[] };
    expect(body.undecryptable).toContain(d.id);
    expect(sealedKeyId((await findShopById(createServices(env), d.id))!.accessTokenEnc!)).toBe('k1');
    await expect(getShopAccessToken(createServices(withKeys(K2)), d.id)).rejects.toThrow(/does not decrypt/);
  });
});
