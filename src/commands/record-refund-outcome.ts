/**
 * The provider's word on a refund (the job's own answer, or later a webhook: Stripe
 * `refund.updated`/`refund.failed`, Shopify `refunds/create`) moves the refund row and the case
 * together, once: a repeated or older outcome changes nothing. A succeeded refund on a resolved
 * case closes it (the money is where it belongs); a failed one leaves it resolved, retryable.
 */
import { and, eq } from 'drizzle-orm';
import { decide, evolveAll, isDecideError, type CaseEvent } from '../cases/state-machine';
import { commit, handleCase, type LoadedCase, refuse, toStatement } from '../db/case-store';
import { refunds } from '../db/schema';
import { findShopById, type ShopRow } from '../db/shops';
import { AppError } from '../http/errors';
import { formatMoney } from '../lib/money';
import type { Services } from '../services';
import { contactFor } from './apply-case-action';
import { caseLabel, caseNotification } from './case-notifications';
import { closeSurvey } from './close-survey';
import { skippedStepStatements } from '../help/skipped-steps';
import { slaSignalFor, type Effect } from '../queue/effects';

export interface RefundOutcome {
  shopId: string;
  /** Our refund id, or the provider's reference (`re_…`, a Refund gid). */
  refundId?: string;
  provider?: 'shopify' | 'stripe' | 'local';
  providerRef?: string;
  status: 'succeeded' | 'failed';
  failureReason?: string | null;
  actor: string;
  /** The platform's own timestamp for the fact (ordering); defaults to now. */
  platformUpdatedAt?: number;
}

export interface RefundOutcomeResult {
  applied: boolean;
  caseId: string | null;
  effects: Effect[];
}

type RefundRow = typeof refunds.$inferSelect;

export async function recordRefundOutcome(s: Services, input: RefundOutcome): Promise<RefundOutcomeResult> {
  const where = refundWhere(input);
  if (!where)
    throw new AppError('bad_request', 'Name the refund by id or by provider and reference.', {
      why: { code: 'refund_unnamed' },
    });
  const readRefund = () => s.db(input.shopId).select().from(refunds).where(where).get();
  const refund = await readRefund();
  if (!refund) return { applied: false, caseId: null, effects: [] };
  // Only a pending refund moves; a settled one stays settled (outcomes can arrive twice, or late).
  if (refund.status !== 'pending') return { applied: false, caseId: refund.caseId, effects: [] };
  if (!refund.caseId) {
    await s.d1(input.shopId).batch([settleRefund(s, input, refund, s.clock.now())]);
    return { applied: true, caseId: null, effects: [] };
  }
  const caseId = refund.caseId;
  const shop = await findShopById(s, input.shopId);
  return handleCase<RefundOutcomeResult>(s, input.shopId, caseId, async (loaded) => {
    // Read again on every attempt: a racing outcome may have settled it meanwhile.
    const fresh = await readRefund();
    if (!fresh) return refuse({ applied: false, caseId: null, effects: [] });
    if (fresh.status !== 'pending') return refuse({ applied: false, caseId, effects: [] });
    if (!loaded || !shop) return refuse({ applied: false, caseId, effects: [] });
    const plan = await planOutcome(s, input, shop, loaded, fresh);
    return commit(plan.change, { applied: true, caseId: loaded.row.id, effects: plan.effects });
  });
}

function refundWhere(input: RefundOutcome) {
  if (input.refundId) return and(eq(refunds.shopId, input.shopId), eq(refunds.id, input.refundId));
  if (input.provider && input.providerRef)
    return and(
      eq(refunds.shopId, input.shopId),
      eq(refunds.provider, input.provider),
      eq(refunds.providerRef, input.providerRef),
    );
  return undefined;
}

/** The refund row moved to the outcome, only from `pending` (a racing outcome changes nothing). */
function settleRefund(s: Services, input: RefundOutcome, refund: RefundRow, now: number): D1PreparedStatement {
  return toStatement(
    s.d1(input.shopId),
    s
      .db(input.shopId)
      .update(refunds)
      .set({
        status: input.status,
        failureReason: input.failureReason ?? null,
        platformUpdatedAt: input.platformUpdatedAt ?? now,
        updatedAt: now,
        ...(input.providerRef ? { providerRef: input.providerRef } : {}),
      })
      .where(and(eq(refunds.shopId, input.shopId), eq(refunds.id, refund.id), eq(refunds.status, 'pending'))),
  );
}

/** The case's side of the outcome: its event, the shopper's email, closing a refunded case. */
async function planOutcome(s: Services, input: RefundOutcome, shop: ShopRow, loaded: LoadedCase, refund: RefundRow) {
  const now = s.clock.now();
  const ctx = { actor: input.actor, at: now, reason: input.failureReason ?? null };
  const moved = decide(
    loaded.state,
    { type: input.status === 'succeeded' ? 'refund_succeeded' : 'refund_failed' },
    ctx,
  );
  if (isDecideError(moved)) throw new AppError('conflict', moved.message, { why: moved.why });
  const events: CaseEvent[] = moved.map((e) => ({
    ...e,
    data: {
      refundId: refund.id,
      amountMinor: refund.amountMinor,
      providerRef: input.providerRef ?? refund.providerRef,
      kind: refund.kind,
    },
  }));
  let state = evolveAll(loaded.state, events)!;
  const statements = [settleRefund(s, input, refund, now)];
  const effects: Effect[] = [];
  if (input.status === 'succeeded') {
    const mail = await paidNotification(s, shop, loaded, refund);
    statements.push(...mail.statements);
    effects.push(...mail.effects);
    if (state.status === 'resolved') {
      const closed = decide(state, { type: 'close' }, { actor: 'system', at: now, reason: 'refund completed' });
      if (!isDecideError(closed)) {
        events.push(...closed);
        state = evolveAll(state, closed)!;
        statements.push(...closeSurvey(s, shop, loaded.row));
        statements.push(...(await skippedStepStatements(s, shop.id, loaded, now)));
      }
    }
  }
  for (const e of events) {
    const signal = slaSignalFor(e.from, e.to);
    if (signal)
      effects.push({
        kind: 'sla',
        shopId: input.shopId,
        caseId: loaded.row.id,
        signal,
        priority: loaded.row.priority,
        at: now,
      });
  }
  const set = { status: state.status, updatedAt: now, ...(state.status === 'closed' ? { closedAt: now } : {}) };
  return { change: { events, statements, set }, effects };
}

/** The shopper's "refunded" or "store credit issued" email. */
async function paidNotification(s: Services, shop: ShopRow, loaded: LoadedCase, refund: RefundRow) {
  const contact = await contactFor(s, shop, loaded.row);
  const amount = formatMoney({ amount: refund.amountMinor, currency: refund.currency }, loaded.row.locale);
  const caseNumber = caseLabel(loaded.row.number);
  return refund.kind === 'store_credit'
    ? caseNotification(s, contact, 'store_credit_issued', `credit:${refund.id}`, {
        customer_name: null,
        case_number: caseNumber,
        amount,
        code: null,
      })
    : caseNotification(s, contact, 'refund_issued', `refund:${refund.id}`, {
        customer_name: null,
        case_number: caseNumber,
        amount,
        order_name: contact.orderName,
      });
}
