/**
 * `GET /api/portal/:shop/help?q=&locale=` (CONTRACT.md "Help center"): the shop's published
 * articles matching the query, best first, each with a highlighted excerpt and the help page's URL.
 */
import { Hono } from 'hono';
import { shopPolicy } from '../db/shops';
import { searchHelpCenter } from '../help/help-center';
import { closestLocale } from '../i18n';
import type { PortalEnv } from './context';
import { limitHelpSearches } from './help-limit';
import { clientAddress } from './rate-limit';

export const helpApi = new Hono<PortalEnv>();

helpApi.get('/:shop/help', async (c) => {
  const shop = c.get('shop');
  const localeParam = c.req.query('locale');
  const locale = localeParam ? closestLocale(localeParam) : c.get('f').locale;
  const query = (c.req.query('q') ?? '').slice(0, 200);
  await limitHelpSearches(c.env, shop.id, clientAddress(c.req.raw.headers));
  const s = c.get('services');
  const hits = await searchHelpCenter(
    s,
    { id: shop.id, currency: shop.currency, policy: shopPolicy(shop) },
    locale,
    query,
  );
  const page = `/portal/${shop.domain}/help`;
  return c.json({
    articles: hits.map((hit) => ({
      slug: hit.slug,
      title: hit.title,
      excerpt: hit.excerpt,
      url: `${page}/${hit.slug}?lang=${encodeURIComponent(locale)}`,
    })),
  });
});
