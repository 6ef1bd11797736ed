/**
 * `/api/admin/cases*` and `/api/admin/orders/:id`: thin — validate, run one command or query, render.
 */
import { Hono } from 'hono';
import * as z from 'zod';
import { caseStatuses, caseTypes, priorities } from '../../cases/vocabulary';
import { caseDetail, listCases, orderWithShipmentsAndCases } from '../case-queries';
import { findOrderByRef } from '../../db/order-facts';
import { applyCaseAction } from '../../commands/apply-case-action';
import { caseActionSchema, type CaseAction } from '../../commands/case-action-schema';
import {
  approveMoneySchema,
  claimHeld,
  declineHeld,
  declineMoneySchema,
  holdIfOverLimit,
} from '../../team/money-approval';
import { runEffects } from '../../queue/effects';
import { AppError } from '../../http/errors';
import type { AppBindings } from '../../http/types';
import { jsonBody, parseOr400 } from './validate';
import { assignActionSchema, assignCase, assigneeFilter, isAssignAction } from '../../team/assign-case';

const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)));

const listQuery = z.object({
  status: list(caseStatuses).optional(),
  type: list(caseTypes).optional(),
  priority: list(priorities).optional(),
  tier: z.coerce.number().int().min(1).max(3).optional(),
  tag: z.string().min(1).max(64).optional(),
  breached: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().trim().min(1).max(200).optional(),
  /** `me`, `none` (unassigned) or a member id. */
  assignee: z.union([z.enum(['me', 'none']), z.string().regex(/^mem_[0-9A-Z]{26}$/)]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const caseId = z.string().regex(/^case_[0-9A-Z]{26}$/);

export const casesApi = new Hono<AppBindings>();

casesApi.get('/cases', async (c) => {
  const { assignee, ...q } = parseOr400(listQuery, c.req.query(), 'The query');
  const filters = { ...q, assignee: assigneeFilter(assignee, c.get('principal')) };
  return c.json(await listCases(c.get('services'), c.get('shopId'), filters));
});

casesApi.get('/cases/:id', async (c) => {
  const id = parseOr400(caseId, c.req.param('id'), 'The case id');
  const detail = await caseDetail(c.get('services'), c.get('shopId'), id);
  if (!detail) throw new AppError('not_found', `No case ${id}.`);
  return c.json(detail);
});

casesApi.post('/cases/:id/actions', async (c) => {
  const id = parseOr400(caseId, c.req.param('id'), 'The case id');
  const body = await jsonBody(c.req);
  const s = c.get('services');
  const actor = c.get('actor');
  if (isAssignAction(body)) {
    const { memberId } = parseOr400(assignActionSchema, body, 'The action');
    await assignCase(s, c.get('principal'), { shopId: c.get('shopId'), caseId: id, memberId });
    const detail = await caseDetail(s, c.get('shopId'), id);
    return c.json({ status: detail?.case.status, events: ['CaseAssigned'], case: detail });
  }
  const shopId = c.get('shopId');
  if (isAction(body, 'decline_money')) {
    const { requestId, reason } = parseOr400(declineMoneySchema, body, 'The action');
    await declineHeld(s, c.get('principal'), { shopId, caseId: id, requestId, reason });
    return c.json({ status: 'declined', events: ['ApprovalDeclined'], case: await caseDetail(s, shopId, id) });
  }
  let action: CaseAction;
  if (isAction(body, 'approve_money')) {
    const { requestId } = parseOr400(approveMoneySchema, body, 'The action');
    action = await claimHeld(s, c.get('principal'), { shopId, caseId: id, requestId });
  } else {
    action = parseOr400(caseActionSchema, body, 'The action');
    const held = await holdIfOverLimit(s, c.get('principal'), { shopId, caseId: id, action });
    if (held) return c.json({ status: 'needs_approval', approval: held, case: await caseDetail(s, shopId, id) }, 202);
  }
  const result = await applyCaseAction(s, { shopId: c.get('shopId'), caseId: id, actor, action });
  await runEffects(s, result.effects);
  const detail = await caseDetail(s, c.get('shopId'), id);
  return c.json({ status: result.status, events: result.events.map((e) => e.type), case: detail });
});

function isAction(body: unknown, name: 'approve_money' | 'decline_money'): boolean {
  return typeof body === 'object' && body !== null && (body as { action?: unknown }).action === name;
}

casesApi.get('/orders/:id', async (c) => {
  const ref = parseOr400(z.string().trim().min(1).max(100), decodeURIComponent(c.req.param('id')), 'The order id');
  const s = c.get('services');
  const order = await findOrderByRef(s, c.get('shopId'), ref);
  if (!order) throw new AppError('not_found', `No order ${ref}.`);
  return c.json({ order, ...(await orderWithShipmentsAndCases(s, c.get('shopId'), order.id)) });
});
