/**
 * Classification per the service model: what kind of case this is, how urgent, and which tier
 * works it. Signals raise priority one step each from the reason's own priority; the merchant's
 * `policy.routing` rules (first match wins) may then set tier, priority and assignee outright.
 */
import type { CaseType, Resolution } from './state-machine';
import { ruleMatches, type RuleFacts } from './conditions';
import type { Policy, Priority } from './policy-schema';

const ladder: Priority[] = ['low', 'normal', 'high', 'urgent'];
const rank = (p: Priority) => ladder.indexOf(p);
const bump = (p: Priority, steps: number): Priority => ladder[Math.min(ladder.length - 1, rank(p) + steps)]!;

export interface ClassifyInput {
  policy: Policy;
  reasons: string[];
  resolution: Resolution | null;
  /** Set for disputes and survey follow-ups. */
  complaint?: boolean;
  orderValueMinor: number;
  itemValueMinor: number;
  customerTags: string[];
  customerVip: boolean;
  productTypes: string[];
  /** Other cases this customer opened recently (or open on the same order): a repeat contact. */
  recentContacts: number;
  customerReturns: number;
}

export interface Classification {
  type: CaseType;
  priority: Priority;
  tier: 1 | 2 | 3;
  assignee: string | null;
  /** Why, for the timeline: which signals and which routing rule applied. */
  signals: string[];
}

export function classify(input: ClassifyInput): Classification {
  const { policy } = input;
  const rules = input.reasons.map((code) => policy.reasons.find((r) => r.code === code)).filter((r) => r !== undefined);
  const ruleTypes: CaseType[] = rules.flatMap((r) => (r.caseType ? [r.caseType] : []));
  const type: CaseType = input.complaint
    ? 'complaint'
    : ruleTypes.includes('warranty')
      ? 'warranty'
      : input.resolution === 'exchange'
        ? 'exchange'
        : (ruleTypes[0] ?? 'return');

  const signals: string[] = [];
  let priority: Priority = 'normal';
  for (const r of rules) if (r.priority && rank(r.priority) > rank(priority)) priority = r.priority;
  if (priority !== 'normal') signals.push(`reason:${priority}`);
  const vip =
    input.customerVip ||
    input.customerTags.some((t) => policy.vipTags.some((v) => v.toLowerCase() === t.toLowerCase()));
  let steps = 0;
  if (vip) steps++, signals.push('vip');
  if (policy.highValueOrderMinor > 0 && input.orderValueMinor >= policy.highValueOrderMinor)
    steps++, signals.push('high_value');
  if (input.recentContacts > 0) steps++, signals.push('repeat_contact');
  if (input.complaint) steps++, signals.push('complaint');
  // Each signal raises one step, two at most: a VIP's repeat contact about a size swap is urgent,
  // a defective item (already high) from a VIP is urgent, one signal on a plain return is high.
  priority = bump(priority, Math.min(steps, 2));

  let tier: 1 | 2 | 3 = input.complaint ? 2 : 1;
  let assignee: string | null = null;
  const facts: RuleFacts = {
    reason: input.reasons,
    orderValueMinor: input.orderValueMinor,
    itemValueMinor: input.itemValueMinor,
    customerTag: input.customerTags,
    productType: input.productTypes,
    resolution: input.resolution,
    customerReturns: input.customerReturns,
  };
  const route = policy.routing.find((r) => ruleMatches(r.when, facts));
  if (route) {
    signals.push(`route:${route.name}`);
    if (route.tier) tier = route.tier as 1 | 2 | 3;
    if (route.priority) priority = route.priority;
    if (route.assignee) assignee = route.assignee;
  }
  return { type, priority, tier, assignee, signals };
}

/** One step up the priority ladder (SLA escalation uses the same ladder). */
export function raisePriority(p: Priority): Priority {
  return bump(p, 1);
}
