/**
 * An agent's action on a case (`POST /api/admin/cases/:id/actions`): load → decide → ONE batch
 * (versioned case row, audit events, items, refund + job, outbox) → effects. A lost optimistic
 * race is retried on fresh state, so ten simultaneous `refund` clicks commit exactly one refund
 * and the other nine are told a refund is already in progress.
 */
import { decide, isDecideError, evolveAll, type CaseCommand, type CaseEvent } from '../cases/state-machine';
import { commit, handleCase, type CaseChange, type LoadedCase } from '../db/case-store';
import { orders } from '../db/schema';
import { findShopById, type ShopRow } from '../db/shops';
import { AppError } from '../http/errors';
import type { Services } from '../services';
import { and, eq } from 'drizzle-orm';
import { actionSteps, type ActionStep } from './action-steps';
import type { CaseAction } from './case-action-schema';
import type { CaseContact, Prepared } from './case-notifications';
import { slaSignalFor, type Effect } from '../queue/effects';
import { pickupCancelFor, transitionEndsPickup } from '../pickups/cancel';

export interface ActionResult {
  caseId: string;
  status: string;
  events: CaseEvent[];
  effects: Effect[];
}

type NamedAction = Exclude<CaseAction['action'], 'tag'>;

/** The state machine's command for an action by its name alone (the case page asks which ones `decide` allows). */
export function commandForName(name: NamedAction): CaseCommand {
  switch (name) {
    case 'refund':
    case 'store_credit':
    case 'exchange':
    case 'keep':
      return { type: 'resolve', resolution: name };
    default:
      return { type: name };
  }
}

function commandFor(action: CaseAction): CaseCommand {
  return action.action === 'tag' ? { type: 'tag', tags: action.add } : commandForName(action.action);
}

function reasonOf(action: CaseAction): string | null {
  if ('reason' in action && action.reason) return action.reason;
  if ('message' in action && action.message) return action.message;
  if ('text' in action) return action.text;
  if ('note' in action && action.note) return action.note;
  return null;
}

export async function applyCaseAction(
  s: Services,
  input: { shopId: string; caseId: string; actor: string; action: CaseAction },
): Promise<ActionResult> {
  const shop = await findShopById(s, input.shopId);
  if (!shop) throw new AppError('not_found', 'No such shop.', { why: { code: 'shop_not_found' } });
  return handleCase(s, input.shopId, input.caseId, async (loaded) => {
    if (!loaded) throw new AppError('not_found', `No case ${input.caseId}.`, { why: { code: 'case_not_found' } });
    const { change, effects } = await planAction(s, shop, loaded, input);
    const status = evolveAll(loaded.state, change.events)!.status;
    return commit(change, { caseId: input.caseId, status, events: change.events, effects });
  });
}

async function planAction(
  s: Services,
  shop: ShopRow,
  loaded: LoadedCase,
  input: { shopId: string; caseId: string; actor: string; action: CaseAction },
) {
  const { action } = input;
  const formKey = 'key' in action ? action.key : undefined;
  if (formKey) await refuseRepeat(s, shop.id, loaded.row.id, formKey);
  const now = s.clock.now();
  const events = decide(loaded.state, commandFor(action), { actor: input.actor, at: now, reason: reasonOf(action) });
  if (isDecideError(events))
    throw new AppError(events.error === 'not_found' ? 'not_found' : 'conflict', events.message, {
      extra: { reason: events.error },
      why: events.why,
    });
  const row = loaded.row;
  const after = evolveAll(loaded.state, events)!;
  const set: CaseChange['set'] = { status: after.status, resumeStatus: after.resumeStatus, updatedAt: now };
  const statements: D1PreparedStatement[] = [];
  const effects: Effect[] = [];
  const add = (p: Prepared) => (statements.push(...p.statements), effects.push(...p.effects));
  const contact = await contactFor(s, shop, row);
  if (!row.firstRespondedAt && input.actor !== 'system' && !input.actor.startsWith('shopper'))
    set.firstRespondedAt = now;

  const step = actionSteps[action.action] as ActionStep<CaseAction> | undefined;
  await step?.({ s, shop, loaded, row, contact, events, set, statements, effects, add, now }, action);
  if (formKey) events[0]!.data = { ...events[0]!.data, formKey };
  // A case that ends before its parcel moved cancels its pickup (a job queued in this batch).
  if (transitionEndsPickup(loaded.state, after.status)) add(await pickupCancelFor(s, shop.id, row.id));
  for (const e of events) {
    const signal = slaSignalFor(e.from, e.to);
    if (signal) effects.push({ kind: 'sla', shopId: shop.id, caseId: row.id, signal, priority: row.priority, at: now });
  }
  return { change: { set, events, statements }, effects };
}

/**
 * A form sent again after its first submit committed. Checked inside `handleCase`, so of two
 * submits racing, the one that lost the version race decides again, finds this, and does nothing.
 */
async function refuseRepeat(s: Services, shopId: string, caseId: string, formKey: string) {
  const seen = await s
    .d1(shopId)
    .prepare(
      `SELECT 1 AS seen FROM case_events WHERE shop_id = ? AND case_id = ? AND json_extract(data, '$.formKey') = ? LIMIT 1`,
    )
    .bind(shopId, caseId, formKey)
    .first();
  if (seen)
    throw new AppError('conflict', 'This form was sent already.', {
      extra: { reason: 'already_submitted' },
      why: { code: 'form_sent_twice' },
    });
}

export async function contactFor(s: Services, shop: ShopRow, row: LoadedCase['row']): Promise<CaseContact> {
  const order = row.orderId
    ? await s
        .db(shop.id)
        .select({ name: orders.name, email: orders.email })
        .from(orders)
        .where(and(eq(orders.shopId, shop.id), eq(orders.id, row.orderId)))
        .get()
    : undefined;
  return {
    shopId: shop.id,
    shopDomain: shop.domain,
    caseId: row.id,
    caseNumber: row.number,
    orderId: row.orderId,
    orderName: order?.name ?? '',
    email: order?.email ?? null,
    customerName: null,
    locale: row.locale,
  };
}
