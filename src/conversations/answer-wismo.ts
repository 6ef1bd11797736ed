/**
 * "Where is my order?" with a known, shipped order is answered at once: live tracking from the
 * fulfillment webhooks, in the merchant's words when they set some, sent as a threaded reply. The
 * case then waits for the customer (SLA paused); an answer from them resumes it for an agent, and
 * without one it closes itself after `settings.wismo.closeAfterDays` (a `close-if-unanswered` job).
 * Off per shop with `settings.wismo.enabled = false`. Not counted as the first response.
 */
import { decide, evolveAll, isDecideError } from '../cases/state-machine';
import { contactFor } from '../commands/apply-case-action';
import { caseChangeStatements, commitBatch, loadCase } from '../db/case-store';
import type { ShopRow } from '../db/shops';
import { DAY_MS } from '../lib/durations';
import type { Effect } from '../queue/effects';
import { scheduleJob } from '../queue/enqueue';
import type { Services } from '../services';
import { prepareCaseReply } from './send-reply';
import { type ShipmentFacts, wismoAnswer, wismoSettings } from './wismo-text';

export async function answerWismo(s: Services, shop: ShopRow, caseId: string): Promise<Effect[]> {
  const settings = wismoSettings(shop.settings);
  if (!settings.enabled) return [];
  const loaded = await loadCase(s, shop.id, caseId);
  if (!loaded?.row.orderId) return [];
  const shipments = await shipmentsOf(s, shop.id, loaded.row.orderId);
  if (shipments.length === 0) return [];
  const at = s.clock.now();
  const events = decide(
    loaded.state,
    { type: 'request_info' },
    { actor: 'system', at, reason: 'automatic tracking answer' },
  );
  if (isDecideError(events)) return [];
  const contact = await contactFor(s, shop, loaded.row);
  const body = wismoAnswer({
    locale: loaded.row.locale,
    orderName: contact.orderName,
    intro: settings.intro,
    shipments,
  });
  const reply = await prepareCaseReply(s, { row: loaded.row, contact, body, at });
  events[0]!.data = { ...events[0]!.data, automatic: 'wismo', messageId: reply.messageId };
  const after = evolveAll(loaded.state, events)!;
  await commitBatch(
    s,
    shop.id,
    caseChangeStatements(s, {
      shopId: shop.id,
      caseId,
      expectedVersion: loaded.row.version,
      set: { status: after.status, resumeStatus: after.resumeStatus, updatedAt: at },
      events,
      statements: [
        ...reply.statements,
        scheduleJob(
          s,
          { kind: 'close-if-unanswered', shopId: shop.id, caseId, since: at },
          at + settings.closeAfterDays * DAY_MS,
        ),
      ],
    }),
  );
  const jobs = reply.effects.filter((e) => e.kind === 'job');
  return [...jobs, { kind: 'sla', shopId: shop.id, caseId, signal: 'pause', priority: loaded.row.priority, at }];
}

async function shipmentsOf(s: Services, shopId: string, orderId: string): Promise<ShipmentFacts[]> {
  const rows = await s
    .d1(shopId)
    .prepare(
      `SELECT carrier, status, tracking_urls, tracking_numbers, estimated_delivery_at, delivered_at FROM shipments
       WHERE shop_id = ? AND order_id = ? ORDER BY shipped_at LIMIT 10`,
    )
    .bind(shopId, orderId)
    .all<{
      carrier: string | null;
      status: string;
      tracking_urls: string;
      tracking_numbers: string;
      estimated_delivery_at: number | null;
      delivered_at: number | null;
    }>();
  return rows.results.map((r) => ({
    carrier: r.carrier,
    status: r.status,
    trackingUrl: (JSON.parse(r.tracking_urls) as string[])[0] ?? null,
    trackingNumber: (JSON.parse(r.tracking_numbers) as string[])[0] ?? null,
    estimatedDeliveryAt: r.estimated_delivery_at,
    deliveredAt: r.delivered_at,
  }));
}
