import { DAY_MS } from '../../lib/durations';
import * as z from 'zod';

/**
 * The Shopify app's token endpoint (`POST https://{shop}/admin/oauth/access_token`), used three
 * ways: OAuth code grant, token exchange of an App Bridge session token, and refresh of an expiring
 * offline token. Real client calls Shopify; `LocalShopifyTokens` records and returns dev tokens.
 */
export interface TokenGrant {
  accessToken: string;
  scope: string;
  /** Epoch ms; undefined for a non-expiring token. */
  expiresAt: number | undefined;
  refreshToken: string | undefined;
  refreshTokenExpiresAt: number | undefined;
}

export interface ShopifyTokens {
  exchangeCode(shop: string, code: string): Promise<TokenGrant>;
  exchangeSessionToken(shop: string, sessionToken: string): Promise<TokenGrant>;
  refresh(shop: string, refreshToken: string): Promise<TokenGrant>;
}

const tokenResponse = z.object({
  access_token: z.string().min(1),
  scope: z.string().default(''),
  expires_in: z.number().int().positive().optional(),
  refresh_token: z.string().min(1).optional(),
  refresh_token_expires_in: z.number().int().positive().optional(),
});

export class ShopifyTokenError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ShopifyTokenError';
  }
}

export interface ShopifyTokensOptions {
  apiKey: string;
  apiSecret: string;
  now: () => number;
  fetch?: typeof fetch;
}

export function createShopifyTokens(options: ShopifyTokensOptions): ShopifyTokens {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  async function post(shop: string, body: Record<string, string>): Promise<TokenGrant> {
    const res = await doFetch(`https://${shop}/admin/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ client_id: options.apiKey, client_secret: options.apiSecret, ...body }),
    });
    const text = await res.text();
    if (!res.ok)
      throw new ShopifyTokenError(`Shopify token endpoint answered ${res.status}: ${text.slice(0, 200)}`, res.status);
    const parsed = tokenResponse.safeParse(JSON.parse(text));
    if (!parsed.success) throw new ShopifyTokenError('Shopify token endpoint answered an unexpected shape', 502);
    const now = options.now();
    const d = parsed.data;
    return {
      accessToken: d.access_token,
      scope: d.scope,
      expiresAt: d.expires_in ? now + d.expires_in * 1000 : undefined,
      refreshToken: d.refresh_token,
      refreshTokenExpiresAt: d.refresh_token_expires_in ? now + d.refresh_token_expires_in * 1000 : undefined,
    };
  }
  return {
    /**
     * OAuth authorization code grant, asking for an expiring offline token.
     * @see https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant
     */
    exchangeCode: (shop, code) => post(shop, { code, expiring: '1' }),
    /**
     * Token exchange: App Bridge session token (id_token) → expiring offline access token.
     * @see https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/token-exchange
     */
    exchangeSessionToken: (shop, sessionToken) =>
      post(shop, {
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: sessionToken,
        subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
        requested_token_type: 'urn:shopify:params:oauth:token-type:offline-access-token',
        expiring: '1',
      }),
    /**
     * Refresh an expiring offline token; Shopify rotates the refresh token on every use.
     * @see https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/offline-access-tokens
     */
    refresh: (shop, refreshToken) => post(shop, { grant_type: 'refresh_token', refresh_token: refreshToken }),
  };
}

/** Local mode: no network; hands out recognisable dev tokens and records each call. */
export class LocalShopifyTokens implements ShopifyTokens {
  readonly calls: Array<{ kind: 'code' | 'exchange' | 'refresh'; shop: string }> = [];
  constructor(private readonly now: () => number) {}
  private grant(shop: string): TokenGrant {
    const t = this.now();
    return {
      accessToken: `shpat_local_${shop}_${t}`,
      scope: 'local',
      expiresAt: t + 3_600_000,
      refreshToken: `shprt_local_${shop}_${t}`,
      refreshTokenExpiresAt: t + 90 * DAY_MS,
    };
  }
  async exchangeCode(shop: string) {
    this.calls.push({ kind: 'code', shop });
    return this.grant(shop);
  }
  async exchangeSessionToken(shop: string) {
    this.calls.push({ kind: 'exchange', shop });
    return this.grant(shop);
  }
  async refresh(shop: string) {
    this.calls.push({ kind: 'refresh', shop });
    return this.grant(shop);
  }
}
