/**
 * A case that closes schedules its satisfaction survey in the SAME batch (`scheduleCaseSurvey`,
 * one per case by its `case:<id>` subject), so the survey no longer waits for the cron sweep to
 * notice the closed case. Shops with surveys off get none, and a complaint opened by a survey
 * answer gets none (no feedback ping-pong); the sweep applies the same two rules.
 */
import type { CaseRow } from '../db/case-store';
import type { ShopRow } from '../db/shops';
import { jobSettings } from '../db/shop-settings';
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

const surveyKindSql = (shopParam: string) =>
  `COALESCE((SELECT CASE WHEN json_extract(settings, '$.surveyKind') IN ('csat', 'nps', 'ces') THEN json_extract(settings, '$.surveyKind') END FROM shops WHERE id = ${shopParam}), 'csat')`;

/**
 * The case's survey row for the close batch (and for the sweep's catch-up): the case's survey (one per case, `case:<id>`), due now, sent
 * by the sweep. The recipient and kind are read inside the statement, so nothing async is needed.
 */
export function scheduleCaseSurvey(
  s: Services,
  c: { id: string; shopId: string; orderId: string | null; customerId: string | null; locale: string },
): D1PreparedStatement[] {
  const now = s.clock.now();
  return [
    s
      .d1(c.shopId)
      .prepare(
        `INSERT OR IGNORE INTO surveys (id, shop_id, order_id, case_id, subject, kind, status, recipient, locale, due_at, created_at, updated_at)
         SELECT ?1, ?2, ?3, ?4, ?5, ${surveyKindSql('?2')}, 'scheduled',
           COALESCE((SELECT email FROM orders WHERE shop_id = ?2 AND id = ?3), (SELECT email FROM customers WHERE shop_id = ?2 AND id = ?6)),
           ?7, ?8, ?8, ?8`,
      )
      .bind(s.newId('srv'), c.shopId, c.orderId, c.id, `case:${c.id}`, c.customerId, c.locale, now),
  ];
}
