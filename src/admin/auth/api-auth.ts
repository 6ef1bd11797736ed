import type { MiddlewareHandler } from 'hono';
import { verifySessionToken, isJwtShaped } from './session-token';
import { findShopByDomain, normalizeShopDomain } from '../../db/shops';
import { timingSafeEqual } from '../../lib/crypto';
import { AppError } from '../../http/errors';
import type { AppBindings } from '../../http/types';

/**
 * Admin API authentication, two ways in:
 * - embedded in Shopify: `Authorization: Bearer <App Bridge session token>` (a JWT that names its
 *   shop; no X-Shop-Domain needed);
 * - standalone: `Authorization: Bearer <ADMIN_TOKEN>` plus `X-Shop-Domain: <shop>`.
 * Sets `shopId`/`shopDomain`/`actor`; every admin query is scoped by them. The admin screens use a
 * cookie session instead (`src/admin/auth/screen-auth.ts`).
 */
export function adminAuth(): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match)
      throw new AppError('unauthorized', 'Send Authorization: Bearer <token>.', {
        headers: { 'www-authenticate': 'Bearer' },
      });
    const token = match[1]!;
    const services = c.get('services');
    let domain: string | null;
    let actor = 'agent:admin-token';
    if (isJwtShaped(token)) {
      const claims = await verifySessionToken(token, {
        apiKey: services.settings.SHOPIFY_API_KEY,
        apiSecret: services.settings.SHOPIFY_API_SECRET,
        now: services.clock.now(),
      });
      if (!claims)
        throw new AppError('unauthorized', 'The session token is not valid.', {
          headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
        });
      domain = claims.shop;
      actor = `agent:shopify-user-${claims.user ?? 'unknown'}`;
    } else {
      if (!timingSafeEqual(token, services.settings.ADMIN_TOKEN)) {
        throw new AppError('unauthorized', 'The token is not valid.', {
          headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
        });
      }
      domain = normalizeShopDomain(c.req.header('x-shop-domain'));
      if (!domain) throw new AppError('bad_request', 'Send X-Shop-Domain: <shop>.myshopify.com.');
    }
    const shop = await findShopByDomain(services, domain);
    if (!shop) throw new AppError('not_found', `No shop ${domain} is installed.`);
    c.set('shopId', shop.id);
    c.set('shopDomain', shop.domain);
    c.set('actor', actor);
    c.get('logFields').shop = shop.domain;
    await next();
  };
}
