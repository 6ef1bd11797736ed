import type { ShopifyApplier } from './apply';

/**
 * `app/uninstalled`: the shop is marked uninstalled (its data stays until `shop/redact`), and work
 * that would act for it later is cancelled: pending scheduled jobs and queued notifications.
 * @see https://shopify.dev/docs/api/webhooks/2026-04?reference=toml#list-app/uninstalled
 */
export const applyAppUninstalled: ShopifyApplier = async ({ s, shop }) => {
  const now = s.clock.now();
  // `shops` is the directory (DB); the shop's own rows may live on its shard.
  await s
    .d1()
    .prepare(
      `UPDATE shops SET status = 'uninstalled', uninstalled_at = COALESCE(uninstalled_at, ?2), access_token_enc = NULL, refresh_token_enc = NULL, updated_at = ?2 WHERE id = ?1`,
    )
    .bind(shop.id, now)
    .run();
  const d1 = s.d1(shop.id);
  await d1.batch([
    d1
      .prepare(
        `UPDATE scheduled_jobs SET status = 'cancelled', last_error = 'app uninstalled', updated_at = ?2 WHERE shop_id = ?1 AND status IN ('pending', 'enqueued')`,
      )
      .bind(shop.id, now),
    d1
      .prepare(
        `UPDATE notifications SET status = 'cancelled', last_error = 'app uninstalled', updated_at = ?2 WHERE shop_id = ?1 AND status = 'queued'`,
      )
      .bind(shop.id, now),
  ]);
};
