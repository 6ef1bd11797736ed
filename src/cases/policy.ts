/**
 * The return policy, evaluated per order line: eligible or not, and why (a reason code plus a
 * message key the portal translates). Pure: the order, its shipments, the customer's history,
 * the policy, `now` and the shop's time zone are all passed in.
 */
import { DAY_MS } from '../lib/durations';
import { ruleMatches, type RuleFacts } from './conditions';
import { endOfLocalDayAfter } from './local-time';
import { lineValue } from './money';
import type { Policy, ReasonRule } from './policy-schema';

export interface OrderFacts {
  id: string;
  currency: string;
  totalMinor: number;
  tags: string[];
  processedAt: number | null;
  cancelledAt: number | null;
}

export interface LineFacts {
  id: string;
  quantity: number;
  priceMinor: number;
  discountMinor: number;
  productType: string | null;
  productTags: string[];
}

export interface ShipmentFacts {
  /** Our order line ids in this shipment (empty = the whole order). */
  lineItemIds: string[];
  shippedAt: number | null;
  deliveredAt: number | null;
  createdAt: number;
}

export interface CustomerHistory {
  blocklisted: boolean;
  tags: string[];
  /** When each of the customer's previous return cases was opened. */
  returnCaseTimes: number[];
  /** Units already in return cases (open or closed, not rejected), by order line id. */
  returnedQuantityByLine: Record<string, number>;
}

export type IneligibleCode =
  | 'order_cancelled'
  | 'not_fulfilled'
  | 'outside_window'
  | 'final_sale'
  | 'already_returned'
  | 'blocklisted';

export type LineEligibility =
  | {
      lineId: string;
      eligible: true;
      code: 'eligible';
      messageKey: string;
      returnableQuantity: number;
      returnBy: number;
      keepItem: boolean;
      unitValueMinor: number;
    }
  | {
      lineId: string;
      eligible: false;
      code: IneligibleCode;
      messageKey: string;
      returnableQuantity: 0;
      returnBy: number | null;
      keepItem: false;
      unitValueMinor: number;
    };

export interface EvaluateInput {
  order: OrderFacts;
  lines: LineFacts[];
  shipments: ShipmentFacts[];
  history: CustomerHistory;
  policy: Policy;
  now: number;
  timeZone: string;
}

/** When the window starts for a line: its delivery, else its fulfillment, else nothing yet. */
function windowStart(line: LineFacts, shipments: ShipmentFacts[]): number | null {
  const mine = shipments.filter((s) => s.lineItemIds.length === 0 || s.lineItemIds.includes(line.id));
  const delivered = mine.map((s) => s.deliveredAt).filter((t): t is number => t !== null);
  if (delivered.length) return Math.max(...delivered);
  const shipped = mine.map((s) => s.shippedAt ?? s.createdAt);
  return shipped.length ? Math.max(...shipped) : null;
}

function isFinalSale(order: OrderFacts, line: LineFacts, policy: Policy): boolean {
  const tags = new Set(policy.finalSaleTags.map((t) => t.toLowerCase()));
  if (order.tags.some((t) => tags.has(t.toLowerCase()))) return true;
  if (line.productTags.some((t) => tags.has(t.toLowerCase()))) return true;
  return (
    line.productType !== null &&
    policy.finalSaleProductTypes.some((t) => t.toLowerCase() === line.productType!.toLowerCase())
  );
}

export function evaluateLines(input: EvaluateInput): LineEligibility[] {
  const { order, policy, history, now, timeZone } = input;
  return input.lines.map((line): LineEligibility => {
    const unitValueMinor = lineValue(line, 1);
    const no = (code: IneligibleCode, returnBy: number | null = null): LineEligibility => ({
      lineId: line.id,
      eligible: false,
      code,
      messageKey: `policy.${code}`,
      returnableQuantity: 0,
      returnBy,
      keepItem: false,
      unitValueMinor,
    });
    if (history.blocklisted) return no('blocklisted');
    if (order.cancelledAt !== null) return no('order_cancelled');
    if (isFinalSale(order, line, policy)) return no('final_sale');
    const start = windowStart(line, input.shipments);
    if (start === null) return no('not_fulfilled');
    const returnBy = endOfLocalDayAfter(start, policy.returnWindowDays, timeZone);
    if (now > returnBy) return no('outside_window', returnBy);
    const left = line.quantity - (history.returnedQuantityByLine[line.id] ?? 0);
    if (left <= 0) return no('already_returned', returnBy);
    const keepItem = policy.keepItemUnderMinor > 0 && unitValueMinor < policy.keepItemUnderMinor;
    return {
      lineId: line.id,
      eligible: true,
      code: 'eligible',
      messageKey: 'policy.eligible',
      returnableQuantity: left,
      returnBy,
      keepItem,
      unitValueMinor,
    };
  });
}

export interface RequestedItem {
  lineId: string;
  quantity: number;
  reason: string;
  photoCount: number;
}

export type ItemProblemCode =
  | IneligibleCode
  | 'unknown_line'
  | 'unknown_reason'
  | 'quantity_exceeds'
  | 'photo_required';

export interface ItemProblem {
  lineId: string;
  code: ItemProblemCode;
  messageKey: string;
}

export type Decision = 'approve' | 'review' | 'reject';

export interface RequestEvaluation {
  problems: ItemProblem[];
  /** What the auto-approve rules, blocklist and serial-returner limit decide for the whole request. */
  decision: Decision;
  decisionReason: string;
  rules: Map<string, ReasonRule>;
  /** What the auto-approve rules were matched against (the admin's "try it" explains with these). */
  facts: RuleFacts;
}

/** A request's items as `evaluateRequest` reads them (the shopper page, the Shopper API and `openReturn` alike). */
export function requestedItems(
  items: ReadonlyArray<{
    lineItemId: string;
    quantity: number;
    reason: string;
    photos?: readonly string[] | undefined;
  }>,
): RequestedItem[] {
  return items.map((i) => ({
    lineId: i.lineItemId,
    quantity: i.quantity,
    reason: i.reason,
    photoCount: i.photos?.length ?? 0,
  }));
}

export function reasonRule(policy: Policy, code: string): ReasonRule | undefined {
  return policy.reasons.find((r) => r.code === code);
}

/** The reasons a shopper may choose from: all but the retired ones (which past cases still read). */
export function offeredReasons(policy: Policy): ReasonRule[] {
  return policy.reasons.filter((r) => !r.retired);
}

/** The facts a request's auto-approve rules look at; `recent` is the customer's returns in the serial window. */
export function requestFacts(
  input: EvaluateInput & { items: RequestedItem[]; resolution: string; customerTags?: string[] },
  recent: number,
): RuleFacts {
  const lineById = new Map(input.lines.map((l) => [l.id, l]));
  return {
    reason: [...new Set(input.items.map((i) => i.reason))],
    orderValueMinor: input.order.totalMinor,
    itemValueMinor: input.items.reduce(
      (s, i) => s + (lineById.has(i.lineId) ? lineValue(lineById.get(i.lineId)!, i.quantity) : 0),
      0,
    ),
    customerTag: input.customerTags ?? input.history.tags,
    productType: input.items.map((i) => lineById.get(i.lineId)?.productType).filter((t): t is string => !!t),
    resolution: input.resolution,
    customerReturns: recent,
  };
}

function itemProblems(
  input: EvaluateInput & { items: RequestedItem[] },
  rules: Map<string, ReasonRule>,
): ItemProblem[] {
  const eligibility = new Map(evaluateLines(input).map((e) => [e.lineId, e]));
  const problems: ItemProblem[] = [];
  const wanted = new Map<string, number>();
  for (const item of input.items) wanted.set(item.lineId, (wanted.get(item.lineId) ?? 0) + item.quantity);
  for (const item of input.items) {
    const e = eligibility.get(item.lineId);
    const problem = (code: ItemProblemCode) =>
      problems.push({ lineId: item.lineId, code, messageKey: `policy.${code}` });
    if (!e) {
      problem('unknown_line');
      continue;
    }
    if (!e.eligible) {
      problem(e.code);
      continue;
    }
    if (item.quantity < 1 || wanted.get(item.lineId)! > e.returnableQuantity) {
      problem('quantity_exceeds');
      continue;
    }
    const rule = reasonRule(input.policy, item.reason);
    // A retired reason is no longer offered: a new request naming it is refused like an unknown one.
    if (!rule || rule.retired) {
      problem('unknown_reason');
      continue;
    }
    rules.set(item.reason, rule);
    if (rule.photoRequired && item.photoCount < 1) problem('photo_required');
  }
  return problems;
}

/**
 * Checks a shopper's request against the per-line eligibility and the per-reason rules, then
 * decides approve / review / reject: blocklisted → reject; a serial returner (more than
 * `maxReturns` in `windowDays`) → review; otherwise the first matching auto-approve rule; none → review.
 */
export function evaluateRequest(
  input: EvaluateInput & { items: RequestedItem[]; resolution: string; customerTags?: string[] },
): RequestEvaluation {
  const rules = new Map<string, ReasonRule>();
  const problems = itemProblems(input, rules);
  const { history, policy, now } = input;
  const recent = history.returnCaseTimes.filter((t) => t > now - policy.serialReturner.windowDays * DAY_MS).length;
  const facts = requestFacts(input, recent);
  const decided = (decision: Decision, decisionReason: string) => ({
    problems,
    decision,
    decisionReason,
    rules,
    facts,
  });
  if (history.blocklisted) return decided('reject', 'blocklisted');
  // This request would be return number `recent + 1`: more than N in M days.
  if (recent >= policy.serialReturner.maxReturns) return decided('review', 'serial_returner');
  const rule = policy.autoApprove.find((r) => ruleMatches(r.when, facts));
  if (rule) return decided(rule.then, `rule:${rule.name}`);
  return decided('review', 'no_rule');
}
