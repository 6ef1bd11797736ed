/**
 * A dearer swap leaves the difference outstanding on the Shopify order after `returnProcess`
 * (the exchange fulfillment order waits for payment). This asks Shopify to email the customer its
 * invoice for the order's outstanding balance (`orderInvoiceSend`), at most once per exchange.
 *
 * `orderInvoiceSend` takes no idempotency key, so the step checkpoints in D1 around the call:
 * `ShopifyInvoiceRequested` is committed BEFORE it, `ShopifyInvoiceSent` after. A retry that finds
 * the checkpoint without an outcome cannot know whether Shopify sent the email, and errs on the
 * side of NOT sending again: it records `ShopifyInvoiceUnconfirmed` (on the agent's timeline, with
 * the amount) instead. Why that side: an email cannot be unsent, and a second "you owe" message to
 * a customer who may already have paid through the first link reads as a double charge; a missing
 * invoice is visible (the order still shows the balance due in Shopify, the timeline says the send
 * is unconfirmed) and one click in Shopify (Collect payment → Send invoice) repairs it. The window
 * is only a crash between our checkpoint and Shopify's answer, or an unanswered request. A refusal
 * Shopify certainly did not run (HTTP 429, THROTTLED) is recorded as a retryable failure and the
 * job retries with a new attempt; a userError (e.g. a multi-currency order) is final.
 * @see https://shopify.dev/docs/api/admin-graphql/2026-04/mutations/orderInvoiceSend
 * @see https://help.shopify.com/en/manual/orders/deferred-payments
 */
import type { CaseRow } from '../db/case-store';
import { ShopifyAdminError, type ShopifyCredentials } from '../integrations/shopify/admin-client';
import { formatMoney, type Money } from '../lib/money';
import type { Services } from '../services';
import { appendCaseEvent, keyedEvents } from './case-event-append';
import { callOnce } from '../lib/call-once';

export type InvoiceOutcome = 'sent' | 'already' | 'unconfirmed' | 'nothing_due' | 'refused';

export async function collectExchangeBalance(
  s: Services,
  row: CaseRow,
  creds: ShopifyCredentials,
  input: { orderGid: string; key: string; expected: Money },
): Promise<InvoiceOutcome> {
  const { key } = input;
  const history = await invoiceHistory(s, row, key);
  if (history === 'done') return 'already';
  const { requested, stale } = history;
  const money = (m: Money) => formatMoney(m, row.locale);
  const append = (e: Parameters<typeof appendCaseEvent>[3]) => appendCaseEvent(s, row.shopId, row.id, e);
  const last = requested[requested.length - 1]?.data as { amountMinor: number; currency: string } | undefined;
  const owed =
    stale && last ? { amount: last.amountMinor, currency: last.currency } : await outstanding(s, creds, input);
  if (owed.amount <= 0) return 'nothing_due';
  const attempt = requested.length + 1;
  const said = invoiceEvents(key, attempt, owed, input.orderGid, money);
  const outcome = await callOnce({
    // The checkpoint is also the claim: two overlapping runs (a redelivery beside the cron's resend)
    // cannot both write this attempt's event, and only the one that wrote it sends.
    claim: async () => {
      if (stale) return 'taken-over';
      const claimed = await append({
        ...said.requested,
        unless: async () =>
          (await keyedEvents(s, row.shopId, row.id, ['ShopifyInvoiceRequested'], key)).length >= attempt,
      });
      return claimed ? 'won' : 'lost';
    },
    // Shopify cannot tell whether it sent the invoice: counted as sent, never sent twice (see above).
    readProviderState: async () => 'unconfirmed' as const,
    call: async () => {
      await s.shopifyAdmin.sendOrderInvoice(creds, input.orderGid);
      return 'sent' as const;
    },
    record: async (sent) => {
      await append(sent === 'sent' ? said.sent : said.unconfirmed);
      return sent;
    },
    failed: async (err) => {
      if (!(err instanceof ShopifyAdminError) || (err.retryable && !err.notExecuted)) throw err; // unknown: the retry will not resend
      await append({
        type: 'ShopifyInvoiceFailed',
        data: { key, attempt, retryable: err.notExecuted, amountMinor: owed.amount, currency: owed.currency },
        reason: `Shopify did not send the invoice for ${money(owed)}: ${err.message}`.slice(0, 500),
      });
      if (err.notExecuted) throw err; // throttled: the job retries and sends
      return 'refused' as const;
    },
  });
  return outcome.claimed ? outcome.result : 'already';
}

/** This exchange's invoice events so far: `done` once one was sent, unconfirmed or finally refused. */
async function invoiceHistory(s: Services, row: CaseRow, key: string) {
  const events = await keyedEvents(
    s,
    row.shopId,
    row.id,
    ['ShopifyInvoiceRequested', 'ShopifyInvoiceSent', 'ShopifyInvoiceFailed', 'ShopifyInvoiceUnconfirmed'],
    key,
  );
  const final = (e: (typeof events)[number]) =>
    e.type === 'ShopifyInvoiceSent' ||
    e.type === 'ShopifyInvoiceUnconfirmed' ||
    (e.type === 'ShopifyInvoiceFailed' && e.data.retryable !== true);
  if (events.some(final)) return 'done' as const;
  const requested = events.filter((e) => e.type === 'ShopifyInvoiceRequested');
  const retryableFailures = events.filter((e) => e.type === 'ShopifyInvoiceFailed').length;
  // A checkpoint without an outcome: the job that wrote it stopped, maybe after Shopify sent.
  return { requested, stale: requested.length > retryableFailures };
}

const outstanding = (s: Services, creds: ShopifyCredentials, input: { orderGid: string; expected: Money }) =>
  s.shopifyAdmin.orderOutstanding(creds, input.orderGid, input.expected);

/** What the timeline says at each step of one attempt. */
function invoiceEvents(key: string, attempt: number, owed: Money, orderId: string, money: (m: Money) => string) {
  const amount = { amountMinor: owed.amount, currency: owed.currency };
  return {
    requested: {
      type: 'ShopifyInvoiceRequested',
      data: { key, attempt, ...amount, orderId },
      reason: `Asking Shopify to invoice the customer ${money(owed)} for the exchange.`,
    },
    sent: {
      type: 'ShopifyInvoiceSent',
      data: { key, attempt, ...amount, orderId },
      reason: `Shopify emailed the customer an invoice for ${money(owed)}, the balance due on the exchange.`,
    },
    unconfirmed: {
      type: 'ShopifyInvoiceUnconfirmed',
      data: { key, ...amount },
      reason: `An invoice for ${money(owed)} was being sent when the job stopped; not sent again. If the order still shows a balance due in Shopify, send its invoice from there.`,
    },
  } as const;
}
