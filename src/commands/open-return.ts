/**
 * Opens a return (or exchange / warranty) case from the shopper API: re-checks every item against
 * the policy at write time, classifies, quotes, and writes the case, its items, its first events,
 * a pickup request and the confirmation email in ONE batch. Ineligible items → 422 naming them.
 */
import { classify } from '../cases/classify';
import { lineValue, quote } from '../cases/money';
import { evaluateLines, evaluateRequest, reasonRule } from '../cases/policy';
import { decide, evolveAll, isDecideError, type CaseEvent, type CaseCommand } from '../cases/state-machine';
import {
  allocateCaseNumber,
  commitBatch,
  findCaseByRequestKey,
  isOverReturned,
  isRequestKeyTaken,
  newCaseStatements,
  toStatement,
} from '../db/cases';
import { loadOrderFacts } from '../db/order-facts';
import { pickups } from '../db/schema';
import { findShopById, shopPolicy } from '../db/shops';
import { AppError } from '../http/errors';
import type { Services } from '../services';
import { caseLabel, caseNotification, statusUrl } from './case-notifications';
import { approvalExtras, mirrorJob } from './approval';
import type { Effect } from '../queue/effects';

export interface OpenReturnInput {
  shopId: string;
  /** Our order id (`ord_…`). */
  orderId: string;
  source?: 'portal' | 'admin';
  actor?: string;
  items: Array<{
    lineItemId: string;
    quantity: number;
    reason: string;
    note?: string | undefined;
    photos?: string[] | undefined;
    exchangeVariantId?: string | undefined;
  }>;
  resolution: 'refund' | 'store_credit' | 'exchange';
  exchange?: { variantId: string } | undefined;
  method: 'pickup' | 'drop_off';
  pickup?: { address: Record<string, string | undefined>; window: { start: number; end: number } } | undefined;
  locale?: string | undefined;
  /**
   * The caller's idempotency key (a submitted draft's MAC, an API `Idempotency-Key`): a second call
   * with the same key opens nothing and answers the case the first one opened.
   */
  requestKey?: string | undefined;
}

export interface OpenReturnResult {
  caseId: string;
  number: number;
  status: string;
  effects: Effect[];
  /** True when `requestKey` had already opened this case (nothing was written, no effects). */
  replayed?: boolean;
}

/** The case an earlier call with this request key opened, as that call answered it. */
export async function replayedReturn(
  s: Services,
  shopId: string,
  requestKey: string | undefined,
): Promise<OpenReturnResult | null> {
  if (!requestKey) return null;
  const found = await findCaseByRequestKey(s, shopId, requestKey);
  return found ? { caseId: found.id, number: found.number, status: found.status, effects: [], replayed: true } : null;
}

/** The same 422 as a request for more units than are left, naming every item of the request. */
function quantityExceeded(
  items: OpenReturnInput['items'],
  lineById: Map<string, { title: string | null }>,
  cause: unknown,
): AppError {
  const lines = items.map((i) => ({
    lineItemId: i.lineItemId,
    title: lineById.get(i.lineItemId)?.title ?? null,
    code: 'quantity_exceeds',
    messageKey: 'policy.quantity_exceeds',
  }));
  const names = lines.map((l) => `${l.title ?? l.lineItemId} (quantity_exceeds)`).join(', ');
  return new AppError('unprocessable', `Some items cannot be returned: ${names}.`, { extra: { lines }, cause });
}

export async function openReturn(s: Services, input: OpenReturnInput): Promise<OpenReturnResult> {
  const earlier = await replayedReturn(s, input.shopId, input.requestKey);
  if (earlier) return earlier;
  const shop = await findShopById(s, input.shopId);
  if (!shop) throw new AppError('not_found', 'No such shop.');
  const policy = shopPolicy(shop);
  const loaded = await loadOrderFacts(s, shop, policy, input.orderId);
  if (!loaded) throw new AppError('not_found', 'No such order.');
  const { order, lines, customer, facts } = loaded;
  const now = s.clock.now();

  const allowed = {
    refund: policy.resolutions.refund,
    store_credit: policy.resolutions.storeCredit,
    exchange: policy.resolutions.exchange,
  };
  if (!allowed[input.resolution])
    throw new AppError('unprocessable', `This shop does not offer ${input.resolution.replace('_', ' ')}.`, {
      extra: { lines: [] },
    });
  const evaluation = evaluateRequest({
    ...facts,
    items: input.items.map((i) => ({
      lineId: i.lineItemId,
      quantity: i.quantity,
      reason: i.reason,
      photoCount: i.photos?.length ?? 0,
    })),
    resolution: input.resolution,
  });
  if (evaluation.problems.length > 0) {
    const byId = new Map(lines.map((l) => [l.id, l]));
    throw new AppError(
      'unprocessable',
      `Some items cannot be returned: ${evaluation.problems.map((p) => `${byId.get(p.lineId)?.title ?? p.lineId} (${p.code})`).join(', ')}.`,
      {
        extra: {
          lines: evaluation.problems.map((p) => ({
            lineItemId: p.lineId,
            title: byId.get(p.lineId)?.title ?? null,
            code: p.code,
            messageKey: p.messageKey,
          })),
        },
      },
    );
  }

  const lineById = new Map(lines.map((l) => [l.id, l]));
  const eligibility = new Map(evaluateLines(facts).map((e) => [e.lineId, e]));
  const allKept = input.items.every((i) => eligibility.get(i.lineItemId)?.keepItem);
  const q = quote({
    lines: input.items.map((i) => {
      const rule = reasonRule(policy, i.reason)!;
      return {
        lineId: i.lineItemId,
        valueMinor: lineValue(lineById.get(i.lineItemId)!, i.quantity),
        waiveFees: rule.waiveFees,
        shippingPaidBy: rule.shippingPaidBy,
        keep: eligibility.get(i.lineItemId)?.keepItem ?? false,
      };
    }),
    restockingFee: policy.restockingFee,
    returnShippingFee: policy.returnShippingFee,
    storeCreditBonusBasisPoints: policy.storeCreditBonusBasisPoints,
    resolution: input.resolution,
  });
  const productTypes = input.items.map((i) => lineById.get(i.lineItemId)?.productType).filter((t): t is string => !!t);
  const c = classify({
    policy,
    reasons: input.items.map((i) => i.reason),
    resolution: input.resolution,
    orderValueMinor: order.totalMinor,
    itemValueMinor: q.itemsMinor,
    customerTags: customer?.tags ?? [],
    customerVip: customer?.vip ?? false,
    productTypes,
    recentContacts: loaded.recentContacts,
    customerReturns: facts.history.returnCaseTimes.length,
  });

  const caseId = s.newId('case');
  const number = await allocateCaseNumber(s, shop.id);
  const actor = input.actor ?? 'shopper';
  const ctx = { actor, at: now, reason: null };
  const opened = decide(null, { type: 'open', caseType: c.type }, ctx);
  if (isDecideError(opened)) throw new AppError('internal', opened.message);
  opened[0]!.data = {
    ...opened[0]!.data,
    priority: c.priority,
    tier: c.tier,
    signals: c.signals,
    decision: evaluation.decision,
    decisionReason: evaluation.decisionReason,
  };
  const events: CaseEvent[] = [...opened];
  // The auto-approve rules decide at once; `review` leaves the case for an agent.
  const auto: CaseCommand | null =
    evaluation.decision === 'approve'
      ? { type: 'approve' }
      : evaluation.decision === 'reject'
        ? { type: 'reject' }
        : null;
  if (auto) {
    const next = decide(evolveAll(null, events), auto, { actor: 'system', at: now, reason: evaluation.decisionReason });
    if (!isDecideError(next)) events.push(...next);
  }
  const state = evolveAll(null, events)!;
  const method: 'pickup' | 'drop_off' | 'none' = allKept ? 'none' : input.method;

  const statements: D1PreparedStatement[] = [];
  const effects: Effect[] = [{ kind: 'sla', shopId: shop.id, caseId, signal: 'start', priority: c.priority, at: now }];
  let pickupId: string | null = null;
  if (method === 'pickup' && input.pickup) {
    pickupId = s.newId('pku');
    statements.push(
      toStatement(
        s.d1(shop.id),
        s
          .db(shop.id)
          .insert(pickups)
          .values({
            id: pickupId,
            shopId: shop.id,
            caseId,
            carrier: String(shop.settings.pickupCarrier ?? 'manual'),
            status: 'requested',
            address: input.pickup.address,
            windowStart: input.pickup.window.start,
            windowEnd: input.pickup.window.end,
            idempotencyKey: `${caseId}:pickup:1`,
            createdAt: now,
            updatedAt: now,
          }),
      ),
    );
  }
  const contact = {
    shopId: shop.id,
    shopDomain: shop.domain,
    caseId,
    caseNumber: number,
    orderId: order.id,
    orderName: order.name,
    email: order.email,
    customerName: customer ? [customer.firstName, customer.lastName].filter(Boolean).join(' ') || null : null,
    locale: input.locale ?? order.locale ?? shop.locale,
  };
  const row = {
    id: caseId,
    shopId: shop.id,
    number,
    orderId: order.id,
    customerId: order.customerId,
    type: c.type,
    status: state.status,
    priority: c.priority,
    tier: c.tier,
    assignee: c.assignee,
    source: input.source ?? 'portal',
    resolution: allKept ? ('keep' as const) : input.resolution,
    method,
    locale: contact.locale,
    currency: order.currency,
    refundMinor: q.refundMinor,
    feeMinor: q.restockingFeeMinor + q.shippingFeeMinor,
    creditMinor: q.creditMinor,
    requestKey: input.requestKey ?? null,
    createdAt: now,
    updatedAt: now,
  };
  const items = input.items.map((i) => {
    const line = lineById.get(i.lineItemId)!;
    const priced = q.lines.find((l) => l.lineId === i.lineItemId);
    return {
      id: s.newId('item'),
      shopId: shop.id,
      caseId,
      orderLineId: line.id,
      platformLineId: line.platformId,
      sku: line.sku,
      title: line.title,
      quantity: i.quantity,
      reason: i.reason,
      note: i.note ?? null,
      photoKeys: i.photos ?? [],
      exchangeVariantId:
        input.resolution === 'exchange' ? (i.exchangeVariantId ?? input.exchange?.variantId ?? null) : null,
      unitPriceMinor: lineValue(line, 1),
      refundMinor: (priced?.valueMinor ?? 0) - (priced?.restockingFeeMinor ?? 0),
      feeMinor: priced?.restockingFeeMinor ?? 0,
      createdAt: now,
    };
  });
  const confirmation = await caseNotification(s, contact, 'return_confirmation', 'requested', {
    customer_name: contact.customerName,
    order_name: order.name,
    case_number: caseLabel(number),
    items: items.map((i) => ({ title: i.title ?? '', quantity: i.quantity })),
    method,
    status_url: statusUrl(s, contact),
  });
  statements.push(...confirmation.statements);
  effects.push(...confirmation.effects);
  if (state.status === 'approved') {
    const extra = await approvalExtras(s, contact, { method, pickupId });
    statements.push(...extra.statements);
    effects.push(...extra.effects);
    const mirror = mirrorJob(s, shop, caseId, { step: 'approve' });
    statements.push(...mirror.statements);
    effects.push(...mirror.effects);
  }
  if (state.status === 'rejected')
    effects.push({ kind: 'sla', shopId: shop.id, caseId, signal: 'stop', priority: c.priority, at: now });

  try {
    await commitBatch(s, shop.id, newCaseStatements(s, { row, items, events, statements, guardReturnableUnits: true }));
  } catch (err) {
    // Two copies of one request at once (a double click): the unique key let one batch in whole;
    // this one wrote nothing, and answers the case the other opened.
    const winner = isRequestKeyTaken(err) ? await replayedReturn(s, shop.id, input.requestKey) : null;
    if (winner) return winner;
    // Two different requests for the same units at once: the other took them; this wrote nothing.
    if (isOverReturned(err)) throw quantityExceeded(input.items, lineById, err);
    throw err;
  }
  return { caseId, number, status: state.status, effects };
}
