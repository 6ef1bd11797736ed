/**
 * "Try it on order #…": a candidate policy run on one of the shop's orders by the engine itself
 * (`evaluateLines`, `evaluateRequest`, `classify`, `conditionHolds`), as if the shopper asked to
 * return every item they still can, for one reason and one resolution. Nothing is written.
 */
import { classify, type Classification } from '../cases/classify';
import { conditionHolds, type RuleFacts } from '../cases/conditions';
import {
  type Decision,
  evaluateLines,
  evaluateRequest,
  type ItemProblem,
  type LineEligibility,
  offeredReasons,
  requestedItems,
} from '../cases/policy';
import type { Condition, Policy } from '../cases/policy-schema';
import type { Resolution } from '../cases/state-machine';
import { loadOrderFacts, type OrderFactsResult } from '../db/order-facts';
import type { ShopRow } from '../db/shops';
import type { Services } from '../services';
import { resolutionValues } from '../views/admin/policy-format';
import { findOrderIdByName } from './settings-store';

export interface TrialRequest {
  orderName: string;
  reason: string;
  resolution: string;
}

export interface TrialLine {
  title: string;
  quantity: number;
  result: LineEligibility;
}

export interface RuleCheck {
  name: string;
  /** Each condition and whether it holds for this request; a rule fires when all do. */
  checks: Array<{ condition: Condition; holds: boolean }>;
  fires: boolean;
}

export interface Trial {
  request: TrialRequest;
  lines: TrialLine[];
  problems: ItemProblem[];
  decision: Decision;
  /** `rule:<name>`, `no_rule`, `blocklisted` or `serial_returner`, as the engine says. */
  decisionReason: string;
  facts: RuleFacts;
  /** What the routing rules look at (all the customer's returns, not only the serial window's). */
  routingFacts: RuleFacts;
  /** The auto-approve rules in order, up to the one that fired. */
  autoApprove: RuleCheck[];
  routing: RuleCheck[];
  classification: Classification;
}

export type TrialResult = { ok: true; trial: Trial } | { ok: false; request: TrialRequest; problem: 'no_order' };

/** Every rule up to and including the first that fires (first match wins in both lists). */
function checkRules(rules: Array<{ name: string; when: Condition[] }>, facts: RuleFacts): RuleCheck[] {
  const out: RuleCheck[] = [];
  for (const r of rules) {
    const checks = r.when.map((condition) => ({ condition, holds: conditionHolds(condition, facts) }));
    const fires = checks.every((c) => c.holds);
    out.push({ name: r.name, checks, fires });
    if (fires) break;
  }
  return out;
}

/** The request tried: the reason and resolution asked for when the policy offers them, else its first. */
export function trialRequest(policy: Policy, orderName: string, reason: string, resolution: string): TrialRequest {
  const reasons = offeredReasons(policy).map((r) => r.code);
  return {
    orderName: orderName.trim(),
    reason: reasons.includes(reason) ? reason : (reasons[0] ?? ''),
    resolution: (resolutionValues as readonly string[]).includes(resolution) ? resolution : 'refund',
  };
}

/** Every unit the shopper could still return, for the reason tried, with a photo where it asks for one. */
function trialItems(policy: Policy, results: LineEligibility[], reason: string) {
  const photo = policy.reasons.find((r) => r.code === reason)?.photoRequired ?? false;
  return results
    .filter((e) => e.eligible)
    .map((e) => ({ lineItemId: e.lineId, quantity: e.returnableQuantity, reason, photos: photo ? ['photo'] : [] }));
}

/** The case the request would open: type, priority and tier, as `openReturn` classifies it. */
function classifyTrial(policy: Policy, loaded: OrderFactsResult, facts: RuleFacts, resolution: string) {
  return classify({
    policy,
    reasons: facts.reason,
    resolution: resolution as Resolution,
    orderValueMinor: facts.orderValueMinor,
    itemValueMinor: facts.itemValueMinor,
    customerTags: facts.customerTag,
    customerVip: loaded.customer?.vip ?? false,
    productTypes: facts.productType,
    recentContacts: loaded.recentContacts,
    customerReturns: loaded.facts.history.returnCaseTimes.length,
  });
}

export async function tryPolicy(
  s: Services,
  shop: ShopRow,
  policy: Policy,
  request: TrialRequest,
): Promise<TrialResult> {
  const orderId = await findOrderIdByName(s, shop.id, request.orderName);
  const loaded = orderId ? await loadOrderFacts(s, { id: shop.id, timezone: shop.timezone }, policy, orderId) : null;
  if (!loaded) return { ok: false, request, problem: 'no_order' };
  const results = evaluateLines(loaded.facts);
  const items = requestedItems(trialItems(policy, results, request.reason));
  const evaluation = evaluateRequest({ ...loaded.facts, items, resolution: request.resolution });
  const { facts, decisionReason } = evaluation;
  const lines = loaded.lines.map((l, i) => ({
    title: l.variantTitle ? `${l.title} (${l.variantTitle})` : l.title,
    quantity: l.quantity,
    result: results[i]!,
  }));
  // Routing counts all of the customer's returns (as `planReturn` does), not only the serial window's.
  const routingFacts = { ...facts, customerReturns: loaded.facts.history.returnCaseTimes.length };
  const ruled = decisionReason.startsWith('rule:') || decisionReason === 'no_rule';
  const trial: Trial = {
    request,
    lines,
    problems: evaluation.problems,
    decision: evaluation.decision,
    decisionReason,
    facts,
    routingFacts,
    autoApprove: ruled ? checkRules(policy.autoApprove, facts) : [],
    routing: checkRules(policy.routing, routingFacts),
    classification: classifyTrial(policy, loaded, facts, request.resolution),
  };
  return { ok: true, trial };
}
