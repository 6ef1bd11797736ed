import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { applyCaseAction } from '../../src/commands/apply-case-action';
import { issueRefund } from '../../src/commands/issue-refund';
import { openReturn } from '../../src/commands/open-return';
import { recordRefundOutcome } from '../../src/commands/record-refund-outcome';
import type { StripeRefundInput, StripeRefunds } from '../../src/integrations/stripe/stripe-refunds';
import { createServices } from '../../src/services';
import { createOrder, createShop } from '../helpers/factory';
import { caseServices } from './helpers';

/** A Stripe stand-in scripted per call: what the provider answers, in order. */
class ScriptedStripe implements StripeRefunds {
  readonly calls: StripeRefundInput[] = [];
  constructor(private readonly script: Array<'succeeded' | 'pending' | 'refuse'>) {}
  async createRefund(input: StripeRefundInput) {
    this.calls.push(input);
    const next = this.script.shift() ?? 'succeeded';
    if (next === 'refuse')
      throw Object.assign(new Error('Charge already refunded'), { type: 'StripeInvalidRequestError' });
    return { providerRef: `re_${this.calls.length}`, status: next, failureReason: null };
  }
}

async function receivedCase(
  stripe: StripeRefunds,
  settings: Record<string, unknown> = { integrations: 'local', refundProvider: 'stripe' },
  shopper: { locale?: string; currency?: string } = {},
) {
  const base = caseServices();
  const s = createServices(env, { clock: base.clock, shopifyAdmin: base.shopifyAdmin, stripeRefunds: stripe });
  const shop = await createShop(env.DB, { settings }, base.clock.now());
  const { order, lines } = await createOrder(
    env.DB,
    shop.id,
    {
      deliveredDaysAgo: 1,
      lines: [{ priceMinor: 10_000 }],
      ...(shopper.currency ? { currency: shopper.currency } : {}),
    },
    base.clock.now(),
  );
  const { caseId } = await openReturn(s, {
    shopId: shop.id,
    orderId: order.id,
    locale: shopper.locale,
    items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'wrong_item' }],
    resolution: 'refund',
    method: 'drop_off',
  });
  for (const action of ['approve', 'receive'] as const)
    await applyCaseAction(s, { shopId: shop.id, caseId, actor: 'agent:bo', action: { action } });
  return { s, shop, order, caseId, shopifyAdmin: base.shopifyAdmin, clock: base.clock };
}

const refundRows = (caseId: string) =>
  env.DB.prepare(
    'SELECT id, idempotency_key, status, provider_ref, failure_reason FROM refunds WHERE case_id = ? ORDER BY created_at, rowid',
  )
    .bind(caseId)
    .all<{
      id: string;
      idempotency_key: string;
      status: string;
      provider_ref: string | null;
      failure_reason: string | null;
    }>()
    .then((r) => r.results);
const caseStatus = (caseId: string) =>
  env.DB.prepare('SELECT status FROM cases WHERE id = ?').bind(caseId).first<string>('status');
const eventTypes = (caseId: string) =>
  env.DB.prepare('SELECT type FROM case_events WHERE case_id = ? ORDER BY at, rowid')
    .bind(caseId)
    .all<{ type: string }>()
    .then((r) => r.results.map((e) => e.type));

describe('refund outcomes', () => {
  it("a Stripe shop refunds on the order's payment intent with shop and case metadata", async () => {
    const stripe = new ScriptedStripe(['succeeded']);
    const { s, shop, order, caseId } = await receivedCase(stripe);
    await applyCaseAction(s, { shopId: shop.id, caseId, actor: 'agent:bo', action: { action: 'refund' } });
    const [row] = await refundRows(caseId);
    await issueRefund(s, { kind: 'issue-refund', shopId: shop.id, caseId, refundId: row!.id });
    // wrong item: no restocking, merchant pays shipping → the full 100.00
    expect(stripe.calls).toEqual([
      {
        paymentRef: order.paymentRef,
        amountMinor: 10_000,
        currency: 'USD',
        idempotencyKey: `${caseId}:refund:1`,
        metadata: { shop: shop.domain, case: caseId },
      },
    ]);
    expect(await caseStatus(caseId)).toBe('closed');
  });

  it("a refused refund is recorded as failed (not retried), and the retry uses attempt 2's key", async () => {
    const stripe = new ScriptedStripe(['refuse', 'succeeded']);
    const { s, shop, caseId } = await receivedCase(stripe);
    await applyCaseAction(s, { shopId: shop.id, caseId, actor: 'agent:bo', action: { action: 'refund' } });
    const [first] = await refundRows(caseId);
    await issueRefund(s, { kind: 'issue-refund', shopId: shop.id, caseId, refundId: first!.id });
    expect(await refundRows(caseId)).toMatchObject([
      { idempotency_key: `${caseId}:refund:1`, status: 'failed', failure_reason: 'Charge already refunded' },
    ]);
    expect(await caseStatus(caseId)).toBe('resolved');

    await applyCaseAction(s, { shopId: shop.id, caseId, actor: 'agent:bo', action: { action: 'refund' } });
    const rows = await refundRows(caseId);
    expect(rows.map((r) => r.idempotency_key)).toEqual([`${caseId}:refund:1`, `${caseId}:refund:2`]);
    await issueRefund(s, { kind: 'issue-refund', shopId: shop.id, caseId, refundId: rows[1]!.id });
    expect(stripe.calls.map((c) => c.idempotencyKey)).toEqual([`${caseId}:refund:1`, `${caseId}:refund:2`]);
    expect(await caseStatus(caseId)).toBe('closed');
    expect(await eventTypes(caseId)).toEqual([
      'ReturnRequested',
      'ReturnApproved',
      'ReturnReceived',
      'CaseResolved',
      'RefundFailed',
      'CaseResolved',
      'RefundSucceeded',
      'CaseClosed',
    ]);
  });

  it('a pending refund waits for the webhook; the outcome applies once, however often it arrives', async () => {
    const stripe = new ScriptedStripe(['pending']);
    const { s, shop, caseId } = await receivedCase(stripe);
    await applyCaseAction(s, { shopId: shop.id, caseId, actor: 'agent:bo', action: { action: 'refund' } });
    const [row] = await refundRows(caseId);
    await issueRefund(s, { kind: 'issue-refund', shopId: shop.id, caseId, refundId: row!.id });
    expect(await refundRows(caseId)).toMatchObject([{ status: 'pending', provider_ref: 're_1' }]);
    expect(await caseStatus(caseId)).toBe('resolved');
    // The job running again does not call Stripe again: the row already has its provider ref.
    await issueRefund(s, { kind: 'issue-refund', shopId: shop.id, caseId, refundId: row!.id });
    expect(stripe.calls).toHaveLength(1);
    const outcomes = await Promise.all(
      [1, 2, 3].map(() =>
        recordRefundOutcome(s, {
          shopId: shop.id,
          provider: 'local',
          providerRef: 're_1',
          status: 'succeeded',
          actor: 'stripe',
        }),
      ),
    );
    expect(outcomes.filter((o) => o.applied)).toHaveLength(1);
    expect(await caseStatus(caseId)).toBe('closed');
    const late = await recordRefundOutcome(s, {
      shopId: shop.id,
      refundId: row!.id,
      status: 'failed',
      actor: 'stripe',
    });
    expect(late.applied).toBe(false);
    expect(await refundRows(caseId)).toMatchObject([{ status: 'succeeded' }]);
  });

  it('store credit is a gift card for the net amount plus the bonus', async () => {
    const stripe = new ScriptedStripe([]);
    const { s, shop, caseId, shopifyAdmin } = await receivedCase(stripe, { integrations: 'local' });
    const res = await applyCaseAction(s, {
      shopId: shop.id,
      caseId,
      actor: 'agent:bo',
      action: { action: 'store_credit' },
    });
    expect(res.status).toBe('resolved');
    const [row] = await refundRows(caseId);
    expect(row!.idempotency_key).toBe(`${caseId}:store_credit:1`);
    await issueRefund(s, { kind: 'issue-refund', shopId: shop.id, caseId, refundId: row!.id });
    // 100.00 + 10% default bonus
    expect(
      shopifyAdmin.calls
        .filter((c) => c.operation === 'giftCardCreate')
        .map((c) => (c.input as { amountMinor: number }).amountMinor),
    ).toEqual([11_000]);
    expect(stripe.calls).toEqual([]);
    expect(await caseStatus(caseId)).toBe('closed');
  });

  it('a German shopper (de-DE) gets every email of the return in German, the refund in euros written the German way', async () => {
    const stripe = new ScriptedStripe(['succeeded']);
    const { s, shop, caseId } = await receivedCase(stripe, undefined, { locale: 'de-DE', currency: 'EUR' });
    await applyCaseAction(s, { shopId: shop.id, caseId, actor: 'agent:bo', action: { action: 'refund' } });
    const [row] = await refundRows(caseId);
    await issueRefund(s, { kind: 'issue-refund', shopId: shop.id, caseId, refundId: row!.id });
    const mails = await env.DB.prepare(
      'SELECT kind, locale, subject, body_text FROM notifications WHERE case_id = ? ORDER BY created_at, rowid',
    )
      .bind(caseId)
      .all<{ kind: string; locale: string; subject: string; body_text: string }>();
    const byKind = Object.fromEntries(mails.results.map((m) => [m.kind, m]));
    expect(Object.keys(byKind).sort()).toEqual(['refund_issued', 'return_approved', 'return_confirmation']);
    for (const m of mails.results) expect(m.locale, m.kind).toBe('de');
    expect(byKind.return_confirmation!.body_text).toContain(
      'Rücksendeart: Abgabe bei einer Annahmestelle des Paketdienstes.',
    );
    // The approval's next step is German too (it used to be an English sentence in every language).
    expect(byKind.return_approved!.body_text).toContain(
      'Bitte verpacken Sie die Artikel und geben Sie das Paket beim Paketdienst ab',
    );
    // Wrong item: no fees, the full 100.00 EUR back.
    expect(byKind.refund_issued!.subject).toBe('Ihre Erstattung über 100,00 € ist unterwegs'); // (subjects fold the no-break space)
    expect(byKind.refund_issued!.body_text).toContain('100,00\u00a0€ auf Ihr ursprüngliches Zahlungsmittel erstattet');
    for (const m of mails.results)
      expect(`${m.subject}\n${m.body_text}`, m.kind).not.toMatch(/\b(Hello|Your|We|refund|return|order)\b/);
  });
});
