/**
 * Cron step: uploads that no case refers to a day after they were stored (a shopper who uploaded and
 * left, a script filling the bucket) are deleted from R2. The bucket is walked a page per tick with
 * its place kept in the bucket itself (`CURSOR_KEY`), so every key is looked at in turn however
 * many there are, with no table to keep; the walk starts over when it reaches the end.
 */
import type { Services } from '../services';
import { ORPHANED_PHOTO_MS } from './photos';

const CURSOR_KEY = '_sweep/orphaned-photos-cursor';
const PAGE = 500;
const upload = /^([^/]+)\/pending-([^/]+)\/[^/]+$/;

/** The photo keys this order's cases hold (cases_shop_order_idx, then case_items_case_idx). */
async function referencedKeys(s: Services, shopId: string, orderId: string): Promise<Set<string>> {
  const rows = await s
    .d1(shopId)
    .prepare(
      `SELECT j.value AS key FROM cases c JOIN case_items ci ON ci.shop_id = c.shop_id AND ci.case_id = c.id,
         json_each(ci.photo_keys) j WHERE c.shop_id = ? AND c.order_id = ?`,
    )
    .bind(shopId, orderId)
    .all<{ key: string }>();
  return new Set(rows.results.map((r) => r.key));
}

export async function removeOrphanedPhotos(s: Services): Promise<{ checked: number; removed: number }> {
  const bucket = s.env.PHOTOS;
  const startAfter = await (await bucket.get(CURSOR_KEY))?.text();
  const page = await bucket.list({ limit: PAGE, ...(startAfter ? { startAfter } : {}) });
  const cutoff = s.clock.now() - ORPHANED_PHOTO_MS;
  const byOrder = new Map<string, { shopId: string; orderId: string; keys: string[] }>();
  for (const o of page.objects) {
    const m = upload.exec(o.key);
    if (!m || o.uploaded.getTime() >= cutoff) continue;
    const id = `${m[1]}/${m[2]}`;
    const group = byOrder.get(id) ?? { shopId: m[1]!, orderId: m[2]!, keys: [] };
    group.keys.push(o.key);
    byOrder.set(id, group);
  }
  const orphans: string[] = [];
  for (const g of byOrder.values()) {
    const held = await referencedKeys(s, g.shopId, g.orderId);
    orphans.push(...g.keys.filter((k) => !held.has(k)));
  }
  if (orphans.length) await bucket.delete(orphans);
  const last = page.objects.at(-1)?.key;
  if (page.truncated && last) await bucket.put(CURSOR_KEY, last);
  else if (startAfter !== undefined) await bucket.delete(CURSOR_KEY);
  return { checked: page.objects.length, removed: orphans.length };
}
