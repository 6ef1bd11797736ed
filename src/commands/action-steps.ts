/**
 * What each case action adds to its batch beyond the state machine's events: the outbox messages,
 * item rows, money rows and jobs, the case columns it sets. `planAction` (apply-case-action.ts)
 * decides the events first and then runs the step for the action, if it has one.
 */
import { and, eq } from 'drizzle-orm';
import type { CaseEvent } from '../cases/state-machine';
import { type CaseChange, type LoadedCase, toStatement } from '../db/case-store';
import { caseItems, pickups } from '../db/schema';
import { type ShopRow, shopPolicy } from '../db/shops';
import { AppError } from '../http/errors';
import type { Effect } from '../queue/effects';
import type { Services } from '../services';
import { approvalExtras, mirrorJob } from './approval';
import type { CaseAction } from './case-action-schema';
import { type CaseContact, caseLabel, caseNotification, type Prepared } from './case-notifications';
import { closeSurvey } from './close-survey';
import { skippedStepStatements } from '../help/skipped-steps';
import { planExchange } from './exchange-plan';
import { caseQuote, refundProviderFor, refundRows } from './refund-plan';

export interface ActionContext {
  s: Services;
  shop: ShopRow;
  loaded: LoadedCase;
  row: LoadedCase['row'];
  contact: CaseContact;
  events: CaseEvent[];
  set: CaseChange['set'];
  statements: D1PreparedStatement[];
  effects: Effect[];
  add: (p: Prepared) => void;
  now: number;
}

type ActionOf<K extends CaseAction['action']> = Extract<CaseAction, { action: K }>;
export type ActionStep<A extends CaseAction> = (ctx: ActionContext, action: A) => Promise<void> | void;

async function approve(ctx: ActionContext, action: ActionOf<'approve'>) {
  const { s, shop, row } = ctx;
  const pickup = await s
    .db(shop.id)
    .select({ id: pickups.id })
    .from(pickups)
    .where(and(eq(pickups.shopId, shop.id), eq(pickups.caseId, row.id)))
    .get();
  ctx.add(await approvalExtras(s, ctx.contact, { method: row.method, pickupId: pickup?.id ?? null }));
  ctx.add(mirrorJob(s, shop, row.id, { step: 'approve', ...(action.label ? { label: action.label } : {}) }));
}

async function reject(ctx: ActionContext, action: ActionOf<'reject'>) {
  const { s, contact, row } = ctx;
  ctx.add(
    await caseNotification(s, contact, 'return_rejected', 'rejected', {
      customer_name: contact.customerName,
      order_name: contact.orderName,
      case_number: caseLabel(row.number),
      reason: action.reason,
    }),
  );
  ctx.add(mirrorJob(s, ctx.shop, row.id, { step: 'decline', note: action.reason.slice(0, 500) }));
}

async function requestInfo(ctx: ActionContext, action: ActionOf<'request_info'>) {
  const { s, contact, row } = ctx;
  ctx.add(
    await caseNotification(s, contact, 'info_requested', `info:${ctx.events[0]!.at}`, {
      customer_name: contact.customerName,
      case_number: caseLabel(row.number),
      question: action.message,
      status_url: `${s.settings.PUBLIC_URL ?? ''}/portal/${ctx.shop.domain}/returns/${row.id}`,
    }),
  );
}

/** Records each item's condition as received (only items of this case). */
function receive(ctx: ActionContext, action: ActionOf<'receive'>) {
  const { s, shop, row, events } = ctx;
  for (const item of action.items ?? []) {
    if (!ctx.loaded.items.some((i) => i.id === item.itemId))
      throw new AppError('unprocessable', `Item ${item.itemId} is not on this case.`, {
        why: { code: 'item_not_on_case', vars: { item: item.itemId } },
      });
    const where = and(eq(caseItems.shopId, shop.id), eq(caseItems.caseId, row.id), eq(caseItems.id, item.itemId));
    const update = s.db(shop.id).update(caseItems).set({ condition: item.condition }).where(where);
    ctx.statements.push(toStatement(s.d1(shop.id), update));
  }
  events[events.length - 1]!.data = { ...events[events.length - 1]!.data, conditions: action.items ?? [] };
}

/** A refund or store credit: the amount checked against what the case may pay, then its money rows. */
function pay(ctx: ActionContext, action: ActionOf<'refund' | 'store_credit'>) {
  const { s, shop, row, loaded } = ctx;
  const kind = action.action;
  const q = caseQuote(shopPolicy(shop), loaded, kind);
  const amount = action.amountMinor ?? (kind === 'refund' ? q.refundMinor : q.creditMinor);
  const ceiling = kind === 'refund' ? q.itemsMinor : q.itemsMinor + q.bonusMinor;
  if (amount <= 0)
    throw new AppError('unprocessable', 'Nothing is owed on this case after fees; close it instead.', {
      why: { code: 'nothing_owed' },
    });
  if (amount > ceiling)
    throw new AppError('unprocessable', `At most ${ceiling} minor units can be paid on this case.`, {
      extra: { maxAmountMinor: ceiling },
      why: { code: 'amount_over_ceiling', vars: { amountMinor: ceiling, currency: row.currency } },
    });
  const local = s.settings.INTEGRATIONS === 'local';
  const provider = kind === 'refund' ? refundProviderFor(s, shop) : local ? 'local' : 'shopify';
  const attempt = loaded.refunds.length + 1;
  const rows = refundRows(s, {
    shopId: shop.id,
    caseId: row.id,
    orderId: row.orderId,
    provider,
    kind,
    amountMinor: amount,
    currency: row.currency,
    attempt,
  });
  ctx.statements.push(...rows.statements);
  ctx.effects.push(...rows.effects);
  const paid = { amountMinor: amount, refundId: rows.refundId, idempotencyKey: rows.idempotencyKey, provider };
  for (const e of ctx.events) if (e.type === 'CaseResolved') e.data = { ...e.data, ...paid };
  Object.assign(ctx.set, {
    resolution: kind,
    resolvedAt: ctx.now,
    feeMinor: q.restockingFeeMinor + q.shippingFeeMinor,
    ...(kind === 'refund' ? { refundMinor: amount } : { creditMinor: amount }),
  });
}

/** A swap for other variants: the items' new variants, a cheaper swap's refund, Shopify's Return, the email. */
async function exchange(ctx: ActionContext, action: ActionOf<'exchange'>) {
  const { s, shop, row, loaded, contact, now } = ctx;
  const plan = await planExchange(s, shop, shopPolicy(shop), loaded, action.items ?? []);
  for (const [itemId, variantId] of plan.variantByItem) {
    ctx.statements.push(
      toStatement(
        s.d1(shop.id),
        s
          .db(shop.id)
          .update(caseItems)
          .set({ exchangeVariantId: variantId })
          .where(and(eq(caseItems.shopId, shop.id), eq(caseItems.caseId, row.id), eq(caseItems.id, itemId))),
      ),
    );
  }
  const data: Record<string, unknown> = {
    exchangeValueMinor: plan.exchangeValueMinor,
    differenceMinor: plan.differenceMinor,
    variants: Object.fromEntries(plan.variantByItem),
  };
  // Shopify shops complete the swap on their Return (returnProcess); a cheaper variant's
  // difference is refunded in that same call unless refunds go through Stripe.
  const provider = refundProviderFor(s, shop);
  const mirrors = shop.platform === 'shopify' && shop.settings.mirrorReturns !== false;
  let refundId: string | undefined;
  if (plan.refundMinor > 0) {
    // A cheaper variant: the difference goes back like any refund (row + job, one key).
    const rows = refundRows(
      s,
      {
        shopId: shop.id,
        caseId: row.id,
        orderId: row.orderId,
        provider,
        kind: 'refund',
        amountMinor: plan.refundMinor,
        currency: row.currency,
        attempt: loaded.refunds.length + 1,
      },
      { issueJob: !mirrors || provider === 'stripe' },
    );
    ctx.statements.push(...rows.statements);
    ctx.effects.push(...rows.effects);
    Object.assign(data, { refundId: rows.refundId, idempotencyKey: rows.idempotencyKey });
    if (mirrors && provider !== 'stripe') refundId = rows.refundId;
  }
  ctx.add(
    mirrorJob(s, shop, row.id, {
      step: 'exchange',
      idempotencyKey: `${row.id}:exchange:${now}`,
      ...(refundId ? { refundId } : {}),
    }),
  );
  for (const e of ctx.events) if (e.type === 'CaseResolved') e.data = { ...e.data, ...data };
  Object.assign(ctx.set, { resolution: 'exchange', resolvedAt: now, refundMinor: plan.refundMinor, feeMinor: 0 });
  ctx.add(
    await caseNotification(s, contact, 'exchange_created', 'exchange', {
      customer_name: contact.customerName,
      case_number: caseLabel(row.number),
      items: loaded.items.map((i) => ({ title: i.title ?? '', quantity: i.quantity })),
      new_order_name: null,
    }),
  );
}

async function reply(ctx: ActionContext, action: ActionOf<'reply'>) {
  const sent = await ctx.s.caseReplies(ctx.s, { row: ctx.row, contact: ctx.contact, body: action.body, at: ctx.now });
  ctx.add(sent);
  ctx.events[0]!.data = { messageId: sent.messageId };
}

function tag(ctx: ActionContext, action: ActionOf<'tag'>) {
  const tags = new Set(ctx.row.tags);
  for (const t of action.add) tags.add(t);
  for (const t of action.remove) tags.delete(t);
  ctx.set.tags = [...tags];
  ctx.events[0]!.data = { add: action.add, remove: action.remove };
}

export const actionSteps: { [K in CaseAction['action']]?: ActionStep<ActionOf<K>> } = {
  approve,
  reject,
  request_info: requestInfo,
  receive,
  refund: pay,
  store_credit: pay,
  exchange,
  keep: (ctx) => {
    Object.assign(ctx.set, { resolution: 'keep', resolvedAt: ctx.now });
  },
  reply,
  close: async (ctx) => {
    ctx.set.closedAt = ctx.now;
    ctx.statements.push(...closeSurvey(ctx.s, ctx.shop, ctx.row));
    ctx.statements.push(
      ...(await skippedStepStatements(ctx.s, ctx.shop.id, ctx.loaded, ctx.now, ctx.events[0]!.actor)),
    );
  },
  reopen: (ctx) => {
    Object.assign(ctx.set, { closedAt: null, resolvedAt: null });
  },
  tag,
};
