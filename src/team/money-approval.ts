/**
 * Four eyes on large refunds. A `refund` or `store_credit` above the acting role's limit
 * (`policy.approvalLimits`, else `defaultApprovalLimits`) is not run: it is held as an approval
 * request with an `ApprovalRequested` event on the case. `{ action: "approve_money", requestId }`
 * from someone whose role may approve and whose own limit covers the amount claims the request
 * once (`ApprovalGranted`) and runs the held action in their name.
 */
import { onceEventStatements } from '../db/case-event-rows';
import { and, eq } from 'drizzle-orm';
import * as z from 'zod';
import { shopPolicy, findShopById } from '../db/shops';
import { loadCase } from '../db/case-store';
import { approvalRequests } from '../db/schema';
import { caseQuote } from '../commands/refund-plan';
import type { CaseAction } from '../commands/case-action-schema';
import { AppError } from '../http/errors';
import type { Services } from '../services';
import type { Principal } from './principal';
import { canApproveHeld, defaultApprovalLimits, needsApproval, type ApprovalLimits } from './roles';

export const approveMoneySchema = z
  .object({ action: z.literal('approve_money'), requestId: z.string().regex(/^apr_[0-9A-Z]{26}$/) })
  .strict();

type MoneyAction = Extract<CaseAction, { action: 'refund' | 'store_credit' }>;
const isMoney = (a: CaseAction): a is MoneyAction => a.action === 'refund' || a.action === 'store_credit';

export interface Held {
  requestId: string;
  amountMinor: number;
  currency: string;
}

/** Holds the action when it moves more than the caller may alone; null when it may run now. */
export async function holdIfOverLimit(
  s: Services,
  who: Principal,
  input: { shopId: string; caseId: string; action: CaseAction },
): Promise<Held | null> {
  if (!isMoney(input.action)) return null;
  const shop = await findShopById(s, input.shopId);
  const loaded = await loadCase(s, input.shopId, input.caseId);
  if (!shop || !loaded) return null; // the action itself answers 404
  const policy = shopPolicy(shop);
  const quote = caseQuote(policy, loaded, input.action.action);
  const amount = input.action.amountMinor ?? (input.action.action === 'refund' ? quote.refundMinor : quote.creditMinor);
  if (!needsApproval(who.role, amount, limitsOf(policy))) return null;
  const held = { requestId: s.newId('apr'), amountMinor: amount, currency: loaded.row.currency };
  await s.d1(input.shopId).batch([
    s
      .d1(input.shopId)
      .prepare(
        `INSERT INTO approval_requests (id, shop_id, case_id, action, amount_minor, currency, requested_by, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
      )
      .bind(
        held.requestId,
        input.shopId,
        input.caseId,
        JSON.stringify(input.action),
        amount,
        held.currency,
        who.actor,
        s.clock.now(),
      ),
    ...auditEvent(s, input, 'ApprovalRequested', who.actor, {
      requestId: held.requestId,
      amountMinor: amount,
      action: input.action.action,
    }),
  ]);
  return held;
}

/** Claims a pending request for the approver (once) and returns the action to run in their name. */
export async function claimHeld(
  s: Services,
  who: Principal,
  input: { shopId: string; caseId: string; requestId: string },
) {
  const db = s.db(input.shopId);
  const where = and(
    eq(approvalRequests.shopId, input.shopId),
    eq(approvalRequests.caseId, input.caseId),
    eq(approvalRequests.id, input.requestId),
  );
  const request = await db.select().from(approvalRequests).where(where).get();
  if (!request) throw new AppError('not_found', `No approval request ${input.requestId} on this case.`);
  const shop = await findShopById(s, input.shopId);
  if (!canApproveHeld(who.role, request.amountMinor, limitsOf(shopPolicy(shop!))))
    throw new AppError('forbidden', `Your role (${who.role}) may not approve ${request.amountMinor} minor units.`);
  if (request.requestedBy === who.actor && who.kind === 'member')
    throw new AppError('forbidden', 'Someone other than the requester approves it: that is the point.');
  const [claimed] = await s
    .d1(input.shopId)
    .batch([
      s
        .d1(input.shopId)
        .prepare(
          `UPDATE approval_requests SET status = 'approved', decided_by = ?, decided_at = ? WHERE shop_id = ? AND id = ? AND status = 'pending'`,
        )
        .bind(who.actor, s.clock.now(), input.shopId, input.requestId),
      ...auditEvent(
        s,
        input,
        'ApprovalGranted',
        who.actor,
        { requestId: input.requestId, amountMinor: request.amountMinor },
        true,
      ),
    ]);
  if (!claimed?.meta.changes)
    throw new AppError('conflict', `Approval request ${input.requestId} was decided already.`);
  return request.action as CaseAction;
}

function limitsOf(policy: ReturnType<typeof shopPolicy>): ApprovalLimits {
  return policy.approvalLimits ?? defaultApprovalLimits;
}

/** The audit event, once per request and type; a grant only when this batch's claim took. */
function auditEvent(
  s: Services,
  input: { shopId: string; caseId: string },
  type: 'ApprovalRequested' | 'ApprovalGranted',
  actor: string,
  data: Record<string, unknown> & { requestId: string },
  claimed = false,
) {
  const now = s.clock.now();
  const grantTook = {
    sql: `SELECT 1 FROM approval_requests WHERE shop_id = ? AND id = ? AND status = 'approved' AND decided_by = ?`,
    params: [input.shopId, data.requestId, actor],
  };
  return onceEventStatements(s, {
    shopId: input.shopId,
    caseId: input.caseId,
    id: `cev_${type === 'ApprovalGranted' ? 'approved' : 'held'}_${data.requestId}`,
    type,
    actor,
    data,
    at: now,
    ...(claimed ? { onlyIf: grantTook } : {}),
  });
}
