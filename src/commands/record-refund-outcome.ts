/**
 * The provider's word on a refund (the job's own answer, or later a webhook: Stripe
 * `refund.updated`/`refund.failed`, Shopify `refunds/create`) moves the refund row and the case
 * together, once: a repeated or older outcome changes nothing. A succeeded refund on a resolved
 * case closes it (the money is where it belongs); a failed one leaves it resolved, retryable.
 */
import { and, eq } from 'drizzle-orm';
import { decide, evolveAll, isDecideError, type CaseEvent } from '../cases/state-machine';
import { caseChangeStatements, commitBatch, loadCase, toStatement } from '../db/cases';
import { refunds } from '../db/schema';
import { findShopById } from '../db/shops';
import { AppError } from '../http/errors';
import { formatMoney } from '../lib/money';
import type { Services } from '../services';
import { contactFor } from './apply-case-action';
import { caseLabel, caseNotification } from './case-notifications';
import { closeSurvey } from './close-survey';
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

export async function recordRefundOutcome(s: Services, input: RefundOutcome): Promise<RefundOutcomeResult> {
  const db = s.db(input.shopId);
  const where = input.refundId
    ? and(eq(refunds.shopId, input.shopId), eq(refunds.id, input.refundId))
    : input.provider && input.providerRef
      ? and(
          eq(refunds.shopId, input.shopId),
          eq(refunds.provider, input.provider),
          eq(refunds.providerRef, input.providerRef),
        )
      : undefined;
  if (!where) throw new AppError('bad_request', 'Name the refund by id or by provider and reference.');
  for (let attempt = 1; attempt <= 4; attempt++) {
    const refund = await db.select().from(refunds).where(where).get();
    if (!refund) return { applied: false, caseId: null, effects: [] };
    // Only a pending refund moves; a settled one stays settled (outcomes can arrive twice, or late).
    if (refund.status !== 'pending') return { applied: false, caseId: refund.caseId, effects: [] };
    const now = s.clock.now();
    const update = toStatement(
      s.d1(input.shopId),
      db
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
    if (!refund.caseId) {
      await s.d1(input.shopId).batch([update]);
      return { applied: true, caseId: null, effects: [] };
    }
    const loaded = await loadCase(s, input.shopId, refund.caseId);
    const shop = await findShopById(s, input.shopId);
    if (!loaded || !shop) return { applied: false, caseId: refund.caseId, effects: [] };
    const ctx = { actor: input.actor, at: now, reason: input.failureReason ?? null };
    const moved = decide(
      loaded.state,
      { type: input.status === 'succeeded' ? 'refund_succeeded' : 'refund_failed' },
      ctx,
    );
    if (isDecideError(moved)) throw new AppError('conflict', moved.message);
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
    const statements = [update];
    const effects: Effect[] = [];
    const contact = await contactFor(s, shop, loaded.row);
    if (input.status === 'succeeded') {
      const amount = formatMoney({ amount: refund.amountMinor, currency: refund.currency }, loaded.row.locale);
      const mail =
        refund.kind === 'store_credit'
          ? await caseNotification(s, contact, 'store_credit_issued', `credit:${refund.id}`, {
              customer_name: null,
              case_number: caseLabel(loaded.row.number),
              amount,
              code: null,
            })
          : await caseNotification(s, contact, 'refund_issued', `refund:${refund.id}`, {
              customer_name: null,
              case_number: caseLabel(loaded.row.number),
              amount,
              order_name: contact.orderName,
            });
      statements.push(...mail.statements);
      effects.push(...mail.effects);
      if (state.status === 'resolved') {
        const closed = decide(state, { type: 'close' }, { actor: 'system', at: now, reason: 'refund completed' });
        if (!isDecideError(closed)) {
          events.push(...closed);
          state = evolveAll(state, closed)!;
          statements.push(...closeSurvey(s, shop, loaded.row));
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
    try {
      await commitBatch(
        s,
        input.shopId,
        caseChangeStatements(s, {
          shopId: input.shopId,
          caseId: loaded.row.id,
          expectedVersion: loaded.row.version,
          events,
          statements,
          set: { status: state.status, updatedAt: now, ...(state.status === 'closed' ? { closedAt: now } : {}) },
        }),
      );
      return { applied: true, caseId: loaded.row.id, effects };
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'conflict') || attempt === 4) throw err;
    }
  }
  return { applied: false, caseId: null, effects: [] };
}
