/**
 * Opens a return (or exchange / warranty) case from the shopper API: re-checks every item against
 * the policy at write time, classifies, quotes, and writes the case, its items, its first events,
 * a pickup request and the confirmation email in ONE batch. Ineligible items → 422 naming them.
 */
import type { Classification } from '../cases/classify';
import type { RequestEvaluation } from '../cases/policy';
import { decide, evolveAll, isDecideError, type CaseEvent, type CaseCommand } from '../cases/state-machine';
import {
  allocateCaseNumber,
  findCaseByRequestKey,
  isOverReturned,
  isRequestKeyTaken,
  newCaseStatements,
} from '../db/case-opening';
import { commitBatch, toStatement } from '../db/case-store';
import { loadOrderFacts } from '../db/order-facts';
import { preparePickup } from '../pickups/request';
import { findShopById, shopPolicy } from '../db/shops';
import { AppError } from '../http/errors';
import type { Services } from '../services';
import { type CaseContact, caseLabel, caseNotification, statusUrl } from './case-notifications';
import { caseItems, caseRow, checkReturnable, type Opening, openingContact, planReturn } from './return-plan';
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
  return new AppError('unprocessable', `Some items cannot be returned: ${names}.`, {
    extra: { lines },
    cause,
    why: { code: 'items_not_returnable', vars: { items: lines.map((l) => l.title ?? l.lineItemId).join(', ') } },
  });
}

export async function openReturn(s: Services, input: OpenReturnInput): Promise<OpenReturnResult> {
  const earlier = await replayedReturn(s, input.shopId, input.requestKey);
  if (earlier) return earlier;
  const shop = await findShopById(s, input.shopId);
  if (!shop) throw new AppError('not_found', 'No such shop.', { why: { code: 'shop_not_found' } });
  const policy = shopPolicy(shop);
  const loaded = await loadOrderFacts(s, shop, policy, input.orderId);
  if (!loaded) throw new AppError('not_found', 'No such order.', { why: { code: 'order_not_found' } });
  const evaluation = checkReturnable(policy, loaded, input);
  const plan = planReturn(policy, loaded, input);
  const now = s.clock.now();
  const caseId = s.newId('case');
  const number = await allocateCaseNumber(s, shop.id);
  const events = openingEvents(input, plan.classification, evaluation, now);
  const state = evolveAll(null, events)!;
  const opening: Opening = { shop, loaded, input, plan, caseId, number, status: state.status, now };
  const { statements, effects } = await openingFollowUps(s, opening);
  const batch = newCaseStatements(s, {
    row: caseRow(opening),
    items: caseItems(s, opening),
    events,
    statements,
    guardReturnableUnits: true,
  });
  try {
    await commitBatch(s, shop.id, batch);
  } catch (err) {
    // Two copies of one request at once (a double click): the unique key let one batch in whole;
    // this one wrote nothing, and answers the case the other opened.
    const winner = isRequestKeyTaken(err) ? await replayedReturn(s, shop.id, input.requestKey) : null;
    if (winner) return winner;
    // Two different requests for the same units at once: the other took them; this wrote nothing.
    if (isOverReturned(err)) throw quantityExceeded(input.items, plan.lineById, err);
    throw err;
  }
  return { caseId, number, status: state.status, effects };
}

/** The opening's events: the case opened, then the auto-approve rules' decision when they made one. */
function openingEvents(
  input: OpenReturnInput,
  c: Classification,
  evaluation: RequestEvaluation,
  now: number,
): CaseEvent[] {
  const opened = decide(
    null,
    { type: 'open', caseType: c.type },
    { actor: input.actor ?? 'shopper', at: now, reason: null },
  );
  if (isDecideError(opened)) throw new AppError('internal', opened.message, { why: opened.why });
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
  return events;
}

/** What the opening batch carries besides the case: the pickup, the confirmation, an approval's follow-ups. */
async function openingFollowUps(
  s: Services,
  o: Opening,
): Promise<{ statements: D1PreparedStatement[]; effects: Effect[] }> {
  const { shop, caseId, plan, now } = o;
  const priority = plan.classification.priority;
  const statements: D1PreparedStatement[] = [];
  const effects: Effect[] = [{ kind: 'sla', shopId: shop.id, caseId, signal: 'start', priority, at: now }];
  const add = (p: { statements: D1PreparedStatement[]; effects: Effect[] }) => {
    statements.push(...p.statements);
    effects.push(...p.effects);
  };
  let pickupId: string | null = null;
  if (plan.method === 'pickup' && o.input.pickup) {
    const { address, window } = o.input.pickup;
    const pickup = preparePickup(s, { shop, caseId, address, windowStart: window.start, windowEnd: window.end });
    pickupId = pickup.pickupId;
    statements.push(pickup.statement);
  }
  const contact = openingContact(o);
  add(await confirmation(s, o, contact));
  if (o.status === 'approved') {
    add(await approvalExtras(s, contact, { method: plan.method, pickupId }));
    add(mirrorJob(s, shop, caseId, { step: 'approve' }));
  }
  if (o.status === 'rejected')
    effects.push({ kind: 'sla', shopId: shop.id, caseId, signal: 'stop', priority, at: now });
  return { statements, effects };
}

function confirmation(s: Services, o: Opening, contact: CaseContact) {
  return caseNotification(s, contact, 'return_confirmation', 'requested', {
    customer_name: contact.customerName,
    order_name: o.loaded.order.name,
    case_number: caseLabel(o.number),
    items: o.input.items.map((i) => ({ title: o.plan.lineById.get(i.lineItemId)?.title ?? '', quantity: i.quantity })),
    method: o.plan.method,
    status_url: statusUrl(s, contact),
  });
}
