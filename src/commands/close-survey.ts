/**
 * A case that closes schedules its satisfaction survey in the SAME batch (`scheduleCaseSurvey`,
 * one per case by its `case:<id>` subject), so the survey no longer waits for the cron sweep to
 * notice the closed case. Shops with surveys off get none, and a complaint opened by a survey
 * answer gets none (no feedback ping-pong); the sweep applies the same two rules.
 */
import type { CaseRow } from '../db/case-store';
import type { ShopRow } from '../db/shops';
import { jobSettings } from '../db/shop-settings';
import { scheduleCaseSurvey } from '../surveys/surveys';
import type { Services } from '../services';

export function closeSurvey(
  s: Services,
  shop: Pick<ShopRow, 'settings'>,
  row: Pick<CaseRow, 'id' | 'shopId' | 'orderId' | 'customerId' | 'locale' | 'source'>,
): D1PreparedStatement[] {
  if (row.source === 'survey' || !jobSettings(shop.settings).surveysEnabled) return [];
  return scheduleCaseSurvey(s, {
    id: row.id,
    shopId: row.shopId,
    orderId: row.orderId,
    customerId: row.customerId,
    locale: row.locale,
  });
}
