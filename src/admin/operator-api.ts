import { asc, gt } from 'drizzle-orm';
import { Hono } from 'hono';
import * as z from 'zod';
import { shops } from '../db/schema';
import { AppError } from '../http/errors';
import type { AppBindings } from '../http/types';
import { timingSafeEqual } from '../lib/crypto';
import { type ReencryptOutcome, reencryptShopTokens } from '../integrations/shopify/shop-credentials';
import { vaultKeys } from '../integrations/shopify/token-vault';

/**
 * `/api/operator/*`: work over every shop, for the operator's `ADMIN_TOKEN` only (no shop session
 * token or member credential reaches it).
 *
 * `POST /api/operator/tokens/reencrypt` is the rotate command of `TOKEN_ENCRYPTION_KEYS`: it
 * re-seals every stored Shopify token under the current (first) key, a page of shops per call
 * (`{ "after"?, "limit"? }` → `{ reencrypted, current, raced, undecryptable: [shop ids], next }`; call again with `after: next` until it is null).
 * It is a Worker route rather than a script because only the Worker holds the keys (wrangler
 * secrets cannot be read back) and knows which D1 database each shop lives in; a page per call
 * keeps each request under the subrequest limit, and a rerun only touches what is still stale.
 */
export const operatorApi = new Hono<AppBindings>();

operatorApi.use('*', async (c, next) => {
  const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
  if (!timingSafeEqual(token, c.get('services').settings.ADMIN_TOKEN))
    throw new AppError('unauthorized', 'The operator token is required.', {
      headers: { 'www-authenticate': 'Bearer' },
    });
  c.set('actor', 'operator');
  await next();
});

const reencryptBody = z.object({
  after: z.string().max(64).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

operatorApi.post('/tokens/reencrypt', async (c) => {
  const s = c.get('services');
  const parsed = reencryptBody.safeParse(await c.req.json().catch(() => ({})));
  if (!parsed.success) throw new AppError('validation_failed', 'Send { "after"?: shop id, "limit"?: 1-200 }.');
  const { after, limit } = parsed.data;
  const page = await s
    .db()
    .select({ id: shops.id })
    .from(shops)
    .where(after ? gt(shops.id, after) : undefined)
    .orderBy(asc(shops.id))
    .limit(limit)
    .all();
  const counts: Record<Exclude<ReencryptOutcome, 'undecryptable'>, number> = { reencrypted: 0, current: 0, raced: 0 };
  // Shops whose tokens no key in the ring opens: left as they are (put the old key back, or reinstall).
  const undecryptable: string[] = [];
  for (const { id } of page) {
    const outcome = await reencryptShopTokens(s, id);
    if (outcome === 'undecryptable') undecryptable.push(id);
    else counts[outcome]++;
  }
  return c.json({
    currentKeyId: vaultKeys(s.settings).currentId,
    ...counts,
    undecryptable,
    next: page.length === limit ? page[page.length - 1]!.id : null,
  });
});
