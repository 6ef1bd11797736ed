/**
 * What the case page offers: the actions the state machine allows on this case now, the likely next
 * one first, and for every other one the reason it is not offered. Allowed is asked of `decide`
 * itself (with the same command the action would run), so the page never offers what the command
 * would refuse, and a new transition shows up here without a second list to keep in step.
 */
import { decide, isDecideError, type CaseState, type DecideError } from '../cases/state-machine';
import type { CaseStatus, CaseType } from '../cases/vocabulary';
import { commandForName } from '../commands/apply-case-action';

/** The status-changing actions, in the order the page lists them. Reply, note and tag are always there. */
export const caseStepNames = [
  'approve',
  'reject',
  'request_info',
  'customer_replied',
  'mark_in_transit',
  'receive',
  'inspect',
  'refund',
  'store_credit',
  'exchange',
  'keep',
  'close',
  'reopen',
] as const;
export type CaseStepName = (typeof caseStepNames)[number];

/** Steps that act on returned items; a case without items (an emailed question) has nothing to act on. */
const itemSteps: readonly CaseStepName[] = [
  'approve',
  'reject',
  'mark_in_transit',
  'receive',
  'inspect',
  'refund',
  'store_credit',
  'exchange',
  'keep',
];
const moneySteps: readonly CaseStepName[] = ['refund', 'store_credit', 'exchange'];

export type BlockedWhy =
  | { code: 'status'; status: CaseStatus }
  | { code: Extract<DecideError['error'], 'refund_in_progress' | 'already_refunded'> }
  | { code: 'no_items' }
  | { code: 'held' };

export interface CaseStepsInput {
  state: CaseState;
  type: CaseType;
  /** The resolution the shopper asked for (`refund`, `store_credit`, `exchange`, `keep`…), if any. */
  resolution: string | null;
  hasItems: boolean;
  /** Money on this case waits for a manager's approval: no second payout is offered meanwhile. */
  moneyHeld: boolean;
}

export interface CaseSteps {
  /** The likely next step: an action, `reply` (a question to answer), or none (nothing left to do). */
  next: CaseStepName | 'reply' | null;
  /** Allowed actions, the likely next one first. */
  allowed: CaseStepName[];
  blocked: Array<{ name: CaseStepName; why: BlockedWhy }>;
}

function whyBlocked(name: CaseStepName, input: CaseStepsInput): BlockedWhy | null {
  if (!input.hasItems && itemSteps.includes(name)) return { code: 'no_items' };
  if (input.moneyHeld && moneySteps.includes(name)) return { code: 'held' };
  const decided = decide(input.state, commandForName(name), { actor: 'preview', at: 0 });
  if (!isDecideError(decided)) return null;
  if (decided.error === 'refund_in_progress' || decided.error === 'already_refunded') return { code: decided.error };
  return { code: 'status', status: input.state.status };
}

const resolutionSteps: Record<string, CaseStepName> = {
  refund: 'refund',
  store_credit: 'store_credit',
  exchange: 'exchange',
  keep: 'keep',
};

/** What usually comes next from this status (none once the case is over); only a suggestion, only if allowed. */
function likelyNext(input: CaseStepsInput): CaseStepName | 'reply' | null {
  const pay = resolutionSteps[input.resolution ?? ''] ?? 'refund';
  switch (input.state.status) {
    case 'requested':
      return input.hasItems ? 'approve' : 'reply';
    case 'approved':
    case 'awaiting_shipment':
    case 'in_transit':
      return 'receive';
    case 'received':
    case 'inspected':
      return pay;
    case 'resolved':
      return input.state.refund === 'failed' ? pay : 'close';
    case 'waiting_on_customer':
      return 'customer_replied';
    default:
      return null;
  }
}

export function caseSteps(input: CaseStepsInput): CaseSteps {
  const allowed: CaseStepName[] = [];
  const blocked: CaseSteps['blocked'] = [];
  for (const name of caseStepNames) {
    const why = whyBlocked(name, input);
    if (why) blocked.push({ name, why });
    else allowed.push(name);
  }
  const wanted = likelyNext(input);
  // Held money is the next step, and it is a manager's: the page leads with it instead.
  const waits = input.moneyHeld && moneySteps.includes(wanted as CaseStepName);
  const next = waits || wanted === null ? null : wanted === 'reply' || allowed.includes(wanted) ? wanted : null;
  const first = allowed.filter((n) => n === next);
  return { next, allowed: [...first, ...allowed.filter((n) => n !== next)], blocked };
}
