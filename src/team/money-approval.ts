/**
 * Four eyes on large refunds. A `refund` or `store_credit` above the acting role's limit
 * (`policy.approvalLimits`, else `defaultApprovalLimits`) is not run: it is held as an approval
 * request with an `ApprovalRequested` event on the case. `{ action: "approve_money", requestId }`
 * from someone whose role may approve and whose own limit covers the amount claims the request
 * once (`ApprovalGranted`) and runs the held action in their name; `{ action: "decline_money",
 * requestId, reason? }` from the same roles settles it without paying (`ApprovalDeclined`).
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

export const declineMoneySchema = z
  .object({
    action: z.literal('decline_money'),
    requestId: z.string().regex(/^apr_[0-9A-Z]{26}$/),
    reason: z.string().trim().min(1).max(500).optional(),
  })
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

/** The request, when it is on this case and the caller may decide it (a role whose limit covers it, not its requester). */
async function decidableRequest(
  s: Services,
  who: Principal,
  input: { shopId: string; caseId: string; requestId: string },
) {
  const where = and(
    eq(approvalRequests.shopId, input.shopId),
    eq(approvalRequests.caseId, input.caseId),
    eq(approvalRequests.id, input.requestId),
  );
  const request = await s.db(input.shopId).select().from(approvalRequests).where(where).get();
  if (!request)
    throw new AppError('not_found', `No approval request ${input.requestId} on this case.`, {
      why: { code: 'approval_not_found' },
    });
  const shop = await findShopById(s, input.shopId);
  const refused = whyNotDecide(who, request, shopPolicy(shop!));
  if (refused) throw new AppError('forbidden', refused);
  return request;
}

/** Null when `who` may approve or decline the request; else why not. */
export function whyNotDecide(
  who: Principal,
  request: { amountMinor: number; requestedBy: string },
  policy: ReturnType<typeof shopPolicy>,
): string | null {
  if (!canApproveHeld(who.role, request.amountMinor, limitsOf(policy)))
    return `Your role (${who.role}) may not approve ${request.amountMinor} minor units.`;
  if (request.requestedBy === who.actor && who.kind === 'member')
    return 'Someone other than the requester approves it: that is the point.';
  return null;
}

/** Settles a pending request once (`approved` or `declined`) with its audit event, in one batch. */
async function settle(
  s: Services,
  who: Principal,
  input: { shopId: string; caseId: string; requestId: string },
  outcome: { status: 'approved' | 'declined'; data: Record<string, unknown> },
) {
  const d1 = s.d1(input.shopId);
  const [settled] = await d1.batch([
    d1
      .prepare(
        `UPDATE approval_requests SET status = ?, decided_by = ?, decided_at = ? WHERE shop_id = ? AND id = ? AND status = 'pending'`,
      )
      .bind(outcome.status, who.actor, s.clock.now(), input.shopId, input.requestId),
    ...auditEvent(
      s,
      input,
      outcome.status === 'approved' ? 'ApprovalGranted' : 'ApprovalDeclined',
      who.actor,
      { requestId: input.requestId, ...outcome.data },
      outcome.status,
    ),
  ]);
  if (!settled?.meta.changes)
    throw new AppError('conflict', `Approval request ${input.requestId} was decided already.`, {
      why: { code: 'approval_decided' },
    });
}

/** Claims a pending request for the approver (once) and returns the action to run in their name. */
export async function claimHeld(
  s: Services,
  who: Principal,
  input: { shopId: string; caseId: string; requestId: string },
) {
  const request = await decidableRequest(s, who, input);
  await settle(s, who, input, { status: 'approved', data: { amountMinor: request.amountMinor } });
  return request.action as CaseAction;
}

/** Declines a pending request (once): nothing is paid, the case stays where it is. */
export async function declineHeld(
  s: Services,
  who: Principal,
  input: { shopId: string; caseId: string; requestId: string; reason?: string | undefined },
): Promise<void> {
  const request = await decidableRequest(s, who, input);
  await settle(s, who, input, {
    status: 'declined',
    data: { amountMinor: request.amountMinor, ...(input.reason ? { reason: input.reason } : {}) },
  });
}

export interface PendingHeld {
  requestId: string;
  action: string;
  amountMinor: number;
  currency: string;
  requestedBy: string;
  createdAt: number;
}

/** The case's money waiting for a manager, oldest first. */
export async function pendingHeld(s: Services, shopId: string, caseId: string): Promise<PendingHeld[]> {
  const rows = await s
    .db(shopId)
    .select()
    .from(approvalRequests)
    .where(
      and(
        eq(approvalRequests.shopId, shopId),
        eq(approvalRequests.caseId, caseId),
        eq(approvalRequests.status, 'pending'),
      ),
    )
    .orderBy(approvalRequests.createdAt)
    .all();
  return rows.map((r) => ({
    requestId: r.id,
    action: String((r.action as { action?: unknown }).action ?? ''),
    amountMinor: r.amountMinor,
    currency: r.currency,
    requestedBy: r.requestedBy,
    createdAt: r.createdAt,
  }));
}

function limitsOf(policy: ReturnType<typeof shopPolicy>): ApprovalLimits {
  return policy.approvalLimits ?? defaultApprovalLimits;
}

/** The audit event, once per request and type; a decision's only when this batch's update took. */
function auditEvent(
  s: Services,
  input: { shopId: string; caseId: string },
  type: 'ApprovalRequested' | 'ApprovalGranted' | 'ApprovalDeclined',
  actor: string,
  data: Record<string, unknown> & { requestId: string },
  decided?: 'approved' | 'declined',
) {
  const now = s.clock.now();
  const decisionTook = {
    sql: `SELECT 1 FROM approval_requests WHERE shop_id = ? AND id = ? AND status = ? AND decided_by = ?`,
    params: [input.shopId, data.requestId, decided, actor],
  };
  const prefix = { ApprovalRequested: 'held', ApprovalGranted: 'approved', ApprovalDeclined: 'declined' }[type];
  return onceEventStatements(s, {
    shopId: input.shopId,
    caseId: input.caseId,
    id: `cev_${prefix}_${data.requestId}`,
    type,
    actor,
    data,
    at: now,
    ...(decided ? { onlyIf: decisionTook } : {}),
  });
}
