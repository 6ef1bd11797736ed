/**
 * The starter help articles, bundled as text: each is a Liquid template that renders to Markdown
 * (`templates/articles/<slug>.<locale>.md.liquid`), so the existing `*.liquid` text rule of wrangler.toml
 * and the `liquid-text` plugin of vitest.config.mts load them with no new configuration. One import per
 * file keeps the bundle explicit; starter-articles.test.ts fails when a slug or language is missing.
 */
import returnPolicyEn from '../../templates/articles/return-policy.en.md.liquid';
import returnPolicyZhCn from '../../templates/articles/return-policy.zh-CN.md.liquid';
import returnPolicyDe from '../../templates/articles/return-policy.de.md.liquid';
import sendParcelBackEn from '../../templates/articles/send-parcel-back.en.md.liquid';
import sendParcelBackZhCn from '../../templates/articles/send-parcel-back.zh-CN.md.liquid';
import sendParcelBackDe from '../../templates/articles/send-parcel-back.de.md.liquid';
import whereIsMyOrderEn from '../../templates/articles/where-is-my-order.en.md.liquid';
import whereIsMyOrderZhCn from '../../templates/articles/where-is-my-order.zh-CN.md.liquid';
import whereIsMyOrderDe from '../../templates/articles/where-is-my-order.de.md.liquid';
import damagedItemsEn from '../../templates/articles/damaged-items.en.md.liquid';
import damagedItemsZhCn from '../../templates/articles/damaged-items.zh-CN.md.liquid';
import damagedItemsDe from '../../templates/articles/damaged-items.de.md.liquid';
import exchangesEn from '../../templates/articles/exchanges.en.md.liquid';
import exchangesZhCn from '../../templates/articles/exchanges.zh-CN.md.liquid';
import exchangesDe from '../../templates/articles/exchanges.de.md.liquid';
import refundsTimingEn from '../../templates/articles/refunds-timing.en.md.liquid';
import refundsTimingZhCn from '../../templates/articles/refunds-timing.zh-CN.md.liquid';
import refundsTimingDe from '../../templates/articles/refunds-timing.de.md.liquid';

/** Source text by `<slug>.<locale>`. */
export const starterArticleFiles: Record<string, string> = {
  'return-policy.en': returnPolicyEn,
  'return-policy.zh-CN': returnPolicyZhCn,
  'return-policy.de': returnPolicyDe,
  'send-parcel-back.en': sendParcelBackEn,
  'send-parcel-back.zh-CN': sendParcelBackZhCn,
  'send-parcel-back.de': sendParcelBackDe,
  'where-is-my-order.en': whereIsMyOrderEn,
  'where-is-my-order.zh-CN': whereIsMyOrderZhCn,
  'where-is-my-order.de': whereIsMyOrderDe,
  'damaged-items.en': damagedItemsEn,
  'damaged-items.zh-CN': damagedItemsZhCn,
  'damaged-items.de': damagedItemsDe,
  'exchanges.en': exchangesEn,
  'exchanges.zh-CN': exchangesZhCn,
  'exchanges.de': exchangesDe,
  'refunds-timing.en': refundsTimingEn,
  'refunds-timing.zh-CN': refundsTimingZhCn,
  'refunds-timing.de': refundsTimingDe,
};
