/**
 * An agent's action on a case (`POST /api/admin/cases/:id/actions`): load → decide → ONE batch
 * (versioned case row, audit events, items, refund + job, outbox) → effects. A lost optimistic
 * race is retried on fresh state, so ten simultaneous `refund` clicks commit exactly one refund
 * and the other nine are told a refund is already in progress.
 */
import { decide, isDecideError, evolveAll, type CaseCommand, type CaseEvent } from '../cases/state-machine';
import { commit, handleCase, toStatement, type CaseChange, type LoadedCase } from '../db/case-store';
import { caseItems, orders, pickups } from '../db/schema';
import { findShopById, shopPolicy, type ShopRow } from '../db/shops';
import { AppError } from '../http/errors';
import type { Services } from '../services';
import { and, eq } from 'drizzle-orm';
import { approvalExtras, mirrorJob } from './approval';
import type { CaseAction } from './case-action-schema';
import { caseLabel, caseNotification, type CaseContact, type Prepared } from './case-notifications';
import { closeSurvey } from './close-survey';
import { slaSignalFor, type Effect } from '../queue/effects';
import { planExchange } from './exchange-plan';
import { pickupCancelFor, transitionEndsPickup } from '../pickups/cancel';
import { caseQuote, refundProviderFor, refundRows } from './refund-plan';

export interface ActionResult {
  caseId: string;
  status: string;
  events: CaseEvent[];
  effects: Effect[];
}

function commandFor(action: CaseAction): CaseCommand {
  switch (action.action) {
    case 'refund':
      return { type: 'resolve', resolution: 'refund' };
    case 'store_credit':
      return { type: 'resolve', resolution: 'store_credit' };
    case 'exchange':
      return { type: 'resolve', resolution: 'exchange' };
    case 'keep':
      return { type: 'resolve', resolution: 'keep' };
    case 'tag':
      return { type: 'tag', tags: action.add };
    default:
      return { type: action.action };
  }
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
  if (!shop) throw new AppError('not_found', 'No such shop.');
  return handleCase(s, input.shopId, input.caseId, async (loaded) => {
    if (!loaded) throw new AppError('not_found', `No case ${input.caseId}.`);
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
  const now = s.clock.now();
  const events = decide(loaded.state, commandFor(action), { actor: input.actor, at: now, reason: reasonOf(action) });
  if (isDecideError(events))
    throw new AppError(events.error === 'not_found' ? 'not_found' : 'conflict', events.message, {
      extra: { reason: events.error },
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

  switch (action.action) {
    case 'approve': {
      const pickup = await s
        .db(shop.id)
        .select({ id: pickups.id })
        .from(pickups)
        .where(and(eq(pickups.shopId, shop.id), eq(pickups.caseId, row.id)))
        .get();
      add(await approvalExtras(s, contact, { method: row.method, pickupId: pickup?.id ?? null }));
      add(mirrorJob(s, shop, row.id, { step: 'approve', ...(action.label ? { label: action.label } : {}) }));
      break;
    }
    case 'reject':
      add(
        await caseNotification(s, contact, 'return_rejected', 'rejected', {
          customer_name: contact.customerName,
          order_name: contact.orderName,
          case_number: caseLabel(row.number),
          reason: action.reason,
        }),
      );
      add(mirrorJob(s, shop, row.id, { step: 'decline', note: action.reason.slice(0, 500) }));
      break;
    case 'request_info':
      add(
        await caseNotification(s, contact, 'info_requested', `info:${events[0]!.at}`, {
          customer_name: contact.customerName,
          case_number: caseLabel(row.number),
          question: action.message,
          status_url: `${s.settings.PUBLIC_URL ?? ''}/portal/${shop.domain}/returns/${row.id}`,
        }),
      );
      break;
    case 'receive':
      for (const item of action.items ?? []) {
        if (!loaded.items.some((i) => i.id === item.itemId))
          throw new AppError('unprocessable', `Item ${item.itemId} is not on this case.`);
        statements.push(
          toStatement(
            s.d1(shop.id),
            s
              .db(shop.id)
              .update(caseItems)
              .set({ condition: item.condition })
              .where(and(eq(caseItems.shopId, shop.id), eq(caseItems.caseId, row.id), eq(caseItems.id, item.itemId))),
          ),
        );
      }
      events[events.length - 1]!.data = { ...events[events.length - 1]!.data, conditions: action.items ?? [] };
      break;
    case 'refund':
    case 'store_credit': {
      const policy = shopPolicy(shop);
      const q = caseQuote(policy, loaded, action.action === 'refund' ? 'refund' : 'store_credit');
      const due = action.action === 'refund' ? q.refundMinor : q.creditMinor;
      const amount = action.amountMinor ?? due;
      const ceiling = action.action === 'refund' ? q.itemsMinor : q.itemsMinor + q.bonusMinor;
      if (amount <= 0)
        throw new AppError('unprocessable', 'Nothing is owed on this case after fees; close it instead.');
      if (amount > ceiling)
        throw new AppError('unprocessable', `At most ${ceiling} minor units can be paid on this case.`, {
          extra: { maxAmountMinor: ceiling },
        });
      const provider =
        action.action === 'refund'
          ? refundProviderFor(s, shop)
          : s.settings.INTEGRATIONS === 'local'
            ? 'local'
            : 'shopify';
      const rows = refundRows(s, {
        shopId: shop.id,
        caseId: row.id,
        orderId: row.orderId,
        provider,
        kind: action.action,
        amountMinor: amount,
        currency: row.currency,
        attempt: loaded.refunds.length + 1,
      });
      statements.push(...rows.statements);
      effects.push(...rows.effects);
      for (const e of events)
        if (e.type === 'CaseResolved')
          e.data = {
            ...e.data,
            amountMinor: amount,
            refundId: rows.refundId,
            idempotencyKey: rows.idempotencyKey,
            provider,
          };
      Object.assign(set, {
        resolution: action.action,
        resolvedAt: now,
        feeMinor: q.restockingFeeMinor + q.shippingFeeMinor,
        ...(action.action === 'refund' ? { refundMinor: amount } : { creditMinor: amount }),
      });
      break;
    }
    case 'exchange': {
      const plan = await planExchange(s, shop, shopPolicy(shop), loaded, action.items ?? []);
      for (const [itemId, variantId] of plan.variantByItem) {
        statements.push(
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
        statements.push(...rows.statements);
        effects.push(...rows.effects);
        Object.assign(data, { refundId: rows.refundId, idempotencyKey: rows.idempotencyKey });
        if (mirrors && provider !== 'stripe') refundId = rows.refundId;
      }
      add(
        mirrorJob(s, shop, row.id, {
          step: 'exchange',
          idempotencyKey: `${row.id}:exchange:${now}`,
          ...(refundId ? { refundId } : {}),
        }),
      );
      for (const e of events) if (e.type === 'CaseResolved') e.data = { ...e.data, ...data };
      Object.assign(set, { resolution: 'exchange', resolvedAt: now, refundMinor: plan.refundMinor, feeMinor: 0 });
      add(
        await caseNotification(s, contact, 'exchange_created', 'exchange', {
          customer_name: contact.customerName,
          case_number: caseLabel(row.number),
          items: loaded.items.map((i) => ({ title: i.title ?? '', quantity: i.quantity })),
          new_order_name: null,
        }),
      );
      break;
    }
    case 'keep':
      Object.assign(set, { resolution: 'keep', resolvedAt: now });
      break;
    case 'reply': {
      const reply = await s.caseReplies(s, { row, contact, body: action.body, at: now });
      add(reply);
      events[0]!.data = { messageId: reply.messageId };
      break;
    }
    case 'close':
      set.closedAt = now;
      statements.push(...closeSurvey(s, shop, row));
      break;
    case 'reopen':
      Object.assign(set, { closedAt: null, resolvedAt: null });
      break;
    case 'tag': {
      const tags = new Set(row.tags);
      for (const t of action.add) tags.add(t);
      for (const t of action.remove) tags.delete(t);
      set.tags = [...tags];
      events[0]!.data = { add: action.add, remove: action.remove };
      break;
    }
    default:
      break;
  }
  // A case that ends before its parcel moved cancels its pickup (a job queued in this batch).
  if (transitionEndsPickup(loaded.state, after.status)) add(await pickupCancelFor(s, shop.id, row.id));
  for (const e of events) {
    const signal = slaSignalFor(e.from, e.to);
    if (signal) effects.push({ kind: 'sla', shopId: shop.id, caseId: row.id, signal, priority: row.priority, at: now });
  }
  return { change: { set, events, statements }, effects };
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
