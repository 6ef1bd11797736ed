import type { Context, MiddlewareHandler } from 'hono';
import { verifySessionToken, isJwtShaped } from './session-token';
import { findShopByDomain, findShopById, normalizeShopDomain, type ShopRow } from '../../db/shops';
import { timingSafeEqual } from '../../lib/crypto';
import { AppError } from '../../http/errors';
import type { AppBindings } from '../../http/types';
import { memberForShopifyUser } from '../../team/members';
import { memberOfToken, shopOfMemberToken } from '../../team/member-tokens';
import { memberPrincipal, operatorPrincipal, type Principal } from '../../team/principal';

/**
 * Admin API authentication, three ways in:
 * - a member's personal token: `Authorization: Bearer aftercare_mt_…`, which names its shop
 *   (X-Shop-Domain is not needed; one naming another shop is refused with 403);
 * - embedded in Shopify: `Authorization: Bearer <App Bridge session token>` (a JWT that names its
 *   shop; its `sub` is the member, created as an agent on first visit);
 * - the operator: `Authorization: Bearer <ADMIN_TOKEN>` plus `X-Shop-Domain: <shop>`.
 * Sets `shopId`/`shopDomain`/`principal`/`actor`; every admin query is scoped by them. The admin
 * screens use a cookie session instead (`src/admin/auth/screen-auth.ts`).
 */
export function adminAuth(): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    const token = bearerOf(c);
    const { shop, principal } = shopOfMemberToken(token)
      ? await byMemberToken(c, token)
      : isJwtShaped(token)
        ? await bySessionToken(c, token)
        : await byOperatorToken(c, token);
    c.set('shopId', shop.id);
    c.set('shopDomain', shop.domain);
    c.set('principal', principal);
    c.set('actor', principal.actor);
    c.get('logFields').shop = shop.domain;
    await next();
  };
}

interface Caller {
  shop: ShopRow;
  principal: Principal;
}

const invalidToken = (detail: string) =>
  new AppError('unauthorized', detail, { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });

function bearerOf(c: Context<AppBindings>): string {
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  if (!match)
    throw new AppError('unauthorized', 'Send Authorization: Bearer <token>.', {
      headers: { 'www-authenticate': 'Bearer' },
    });
  return match[1]!;
}

async function byMemberToken(c: Context<AppBindings>, token: string): Promise<Caller> {
  const s = c.get('services');
  const member = await memberOfToken(s, token);
  if (!member) throw invalidToken('The token is not valid.');
  const shop = await findShopById(s, member.shopId);
  if (!shop) throw invalidToken('The token is not valid.');
  const named = c.req.header('x-shop-domain');
  if (named !== undefined && normalizeShopDomain(named) !== shop.domain)
    throw new AppError('forbidden', 'A member token reaches its own shop only.');
  return { shop, principal: memberPrincipal(member) };
}

async function bySessionToken(c: Context<AppBindings>, token: string): Promise<Caller> {
  const s = c.get('services');
  const claims = await verifySessionToken(token, {
    apiKey: s.settings.SHOPIFY_API_KEY,
    apiSecret: s.settings.SHOPIFY_API_SECRET,
    now: s.clock.now(),
  });
  if (!claims) throw invalidToken('The session token is not valid.');
  if (!claims.user) throw invalidToken('The session token names no staff user.');
  const shop = await findShopByDomain(s, claims.shop);
  if (!shop) throw new AppError('not_found', `No shop ${claims.shop} is installed.`);
  const member = await memberForShopifyUser(s, shop.id, claims.user);
  if (!member.active) throw new AppError('forbidden', 'This member has been deactivated.');
  return { shop, principal: memberPrincipal(member) };
}

async function byOperatorToken(c: Context<AppBindings>, token: string): Promise<Caller> {
  const s = c.get('services');
  if (!timingSafeEqual(token, s.settings.ADMIN_TOKEN)) throw invalidToken('The token is not valid.');
  const domain = normalizeShopDomain(c.req.header('x-shop-domain'));
  if (!domain) throw new AppError('bad_request', 'Send X-Shop-Domain: <shop>.myshopify.com.');
  const shop = await findShopByDomain(s, domain);
  if (!shop) throw new AppError('not_found', `No shop ${domain} is installed.`);
  return { shop, principal: operatorPrincipal };
}
