/**
 * The pieces of opening a return that need no I/O: whether the request may be made (else the 422
 * naming the items), its quote and classification, and the case's row, items and contact.
 */
import { type Classification, classify } from '../cases/classify';
import { lineValue, type Quote, quote } from '../cases/money';
import { evaluateLines, evaluateRequest, requestedItems, type RequestEvaluation, reasonRule } from '../cases/policy';
import type { Policy } from '../cases/policy-schema';
import type { CaseStatus } from '../cases/vocabulary';
import type { NewCase } from '../db/case-opening';
import type { OrderFactsResult, OrderLineRow } from '../db/order-facts';
import type { ShopRow } from '../db/shops';
import { AppError } from '../http/errors';
import type { Services } from '../services';
import type { CaseContact } from './case-notifications';
import type { OpenReturnInput } from './open-return';

export interface ReturnPlan {
  lineById: Map<string, OrderLineRow>;
  /** Every item may be kept (no parcel comes back): the method is `none`, the resolution `keep`. */
  allKept: boolean;
  method: 'pickup' | 'drop_off' | 'none';
  quote: Quote;
  classification: Classification;
}

/** Everything the opening's steps read. */
export interface Opening {
  shop: ShopRow;
  loaded: OrderFactsResult;
  input: OpenReturnInput;
  plan: ReturnPlan;
  caseId: string;
  number: number;
  status: CaseStatus;
  now: number;
}

/** The policy's verdict on the request; a resolution the shop does not offer or an ineligible item is a 422. */
export function checkReturnable(policy: Policy, loaded: OrderFactsResult, input: OpenReturnInput): RequestEvaluation {
  const offered = {
    refund: policy.resolutions.refund,
    store_credit: policy.resolutions.storeCredit,
    exchange: policy.resolutions.exchange,
  };
  if (!offered[input.resolution])
    throw new AppError('unprocessable', `This shop does not offer ${input.resolution.replace('_', ' ')}.`, {
      extra: { lines: [] },
      why: { code: 'resolution_not_offered', vars: { resolution: input.resolution } },
    });
  const evaluation = evaluateRequest({
    ...loaded.facts,
    items: requestedItems(input.items),
    resolution: input.resolution,
  });
  if (evaluation.problems.length > 0) throw ineligible(evaluation, loaded.lines);
  return evaluation;
}

function ineligible(evaluation: RequestEvaluation, lines: OrderLineRow[]): AppError {
  const byId = new Map(lines.map((l) => [l.id, l]));
  const titled = evaluation.problems.map((p) => `${byId.get(p.lineId)?.title ?? p.lineId} (${p.code})`);
  const names = evaluation.problems.map((p) => byId.get(p.lineId)?.title ?? p.lineId).join(', ');
  return new AppError('unprocessable', `Some items cannot be returned: ${titled.join(', ')}.`, {
    why: { code: 'items_not_returnable', vars: { items: names } },
    extra: {
      lines: evaluation.problems.map((p) => ({
        lineItemId: p.lineId,
        title: byId.get(p.lineId)?.title ?? null,
        code: p.code,
        messageKey: p.messageKey,
      })),
    },
  });
}

/** The money (per line, fees, refund or credit) and the case's type, priority, tier and routing. */
export function planReturn(policy: Policy, loaded: OrderFactsResult, input: OpenReturnInput): ReturnPlan {
  const { order, lines, customer, facts } = loaded;
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
  const classification = classify({
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
  return { lineById, allKept, method: allKept ? 'none' : input.method, quote: q, classification };
}

export function openingContact({ shop, loaded, input, caseId, number }: Opening): CaseContact {
  const { order, customer } = loaded;
  return {
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
}

export function caseRow(o: Opening): NewCase['row'] {
  const { shop, loaded, input, plan, now } = o;
  const { order } = loaded;
  const c = plan.classification;
  const q = plan.quote;
  return {
    id: o.caseId,
    shopId: shop.id,
    number: o.number,
    orderId: order.id,
    customerId: order.customerId,
    type: c.type,
    status: o.status,
    priority: c.priority,
    tier: c.tier,
    assignee: c.assignee,
    source: input.source ?? 'portal',
    resolution: plan.allKept ? ('keep' as const) : input.resolution,
    method: plan.method,
    locale: input.locale ?? order.locale ?? shop.locale,
    currency: order.currency,
    refundMinor: q.refundMinor,
    feeMinor: q.restockingFeeMinor + q.shippingFeeMinor,
    creditMinor: q.creditMinor,
    requestKey: input.requestKey ?? null,
    createdAt: now,
    updatedAt: now,
  };
}

export function caseItems(s: Services, { shop, input, plan, caseId, now }: Opening): NewCase['items'] {
  return input.items.map((i) => {
    const line = plan.lineById.get(i.lineItemId)!;
    const priced = plan.quote.lines.find((l) => l.lineId === i.lineItemId);
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
}
