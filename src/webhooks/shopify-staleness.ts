/**
 * Shopify webhooks triggered more than a day ago are acknowledged but not applied, so a signed body
 * captured in transit or from a log cannot be replayed into the shop later. Shopify retries a failed
 * delivery for hours, not days, so a genuine delivery this old means we were down that long; it is
 * kept as `ignored` with the reason, where the operator can read it and replay it on purpose.
 *
 * `X-Shopify-Triggered-At` is not covered by the HMAC (Shopify signs the body only): this stops a
 * request replayed as captured, not one re-sent with a fresh header. What stops that is the rest of
 * the pipeline: deliveries are deduplicated by id and every applier compares versions, so an old
 * body cannot overwrite newer state.
 * @see https://shopify.dev/docs/apps/build/webhooks/ignore-duplicates
 */
export const MAX_SHOPIFY_WEBHOOK_AGE_MS = 24 * 60 * 60 * 1000;

/** Why this delivery is too old to apply, or null (fresh, or no usable header). */
export function staleShopifyWebhook(triggeredAt: string | undefined, now: number): string | null {
  if (!triggeredAt) return null;
  // Shopify sends nanoseconds (`…:27.877041743Z`); Date.parse wants at most milliseconds.
  const at = Date.parse(triggeredAt.trim().replace(/(\.\d{3})\d+/, '$1'));
  if (!Number.isFinite(at)) return null;
  const age = now - at;
  if (age <= MAX_SHOPIFY_WEBHOOK_AGE_MS) return null;
  return `stale: triggered ${Math.floor(age / 3_600_000)} h ago (X-Shopify-Triggered-At ${new Date(at).toISOString()}), over the 24 h limit; not applied (replay it to apply)`;
}
