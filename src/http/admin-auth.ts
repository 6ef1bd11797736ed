import type { MiddlewareHandler } from 'hono';
import { findShopByDomain, normalizeShopDomain } from '../db/shops';
import { timingSafeEqual } from '../lib/crypto';
import { AppError } from './errors';
import type { AppBindings } from './types';

/**
 * Admin API authentication. Standalone: `Authorization: Bearer <ADMIN_TOKEN>` plus
 * `X-Shop-Domain: <shop>`. Sets `shopId`/`shopDomain`; every admin query is scoped by them.
 * (The Shopify session token and the cookie session of the admin screen are added beside this.)
 */
export function adminAuth(): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError('unauthorized', 'Send Authorization: Bearer <token>.', { headers: { 'www-authenticate': 'Bearer' } });
    const token = match[1]!;
    const services = c.get('services');
    if (!timingSafeEqual(token, services.settings.ADMIN_TOKEN)) {
      throw new AppError('unauthorized', 'The token is not valid.', { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });
    }
    const domain = normalizeShopDomain(c.req.header('x-shop-domain'));
    if (!domain) throw new AppError('bad_request', 'Send X-Shop-Domain: <shop>.myshopify.com.');
    const shop = await findShopByDomain(services, domain);
    if (!shop) throw new AppError('not_found', `No shop ${domain} is installed.`);
    c.set('shopId', shop.id);
    c.set('shopDomain', shop.domain);
    c.get('logFields').shop = shop.domain;
    await next();
  };
}
