/** JSON shapes of the Shopper API (CONTRACT.md): an order with per-line eligibility, a case view. */
import { offeredReasons } from '../cases/policy';
import { reasonLabel, type Formatter, type MessageKey } from '../i18n';
import type { VariantOption } from './exchange-options';
import type { ShopperCaseView } from './shopper-case';
import type { ShopperOrder } from './shopper-order';

export function orderJson(so: ShopperOrder, f: Formatter, options: Map<string, VariantOption[]>) {
  const currency = so.order.currency;
  const p = so.policy;
  return {
    id: so.order.id,
    name: so.order.name,
    currency,
    lines: so.lines.map((l) => {
      const e = so.eligibility.get(l.id);
      return {
        id: l.id,
        title: l.title,
        variantTitle: l.variantTitle,
        sku: l.sku,
        quantity: l.quantity,
        unitPrice: { amount: l.priceMinor, currency },
        eligible: e?.eligible ?? false,
        returnableQuantity: e?.returnableQuantity ?? 0,
        /** Why not, as a code (`final_sale`, `outside_window`…) and in the negotiated language. */
        reason: e && !e.eligible ? e.code : null,
        message: e ? f.t(e.messageKey as MessageKey, { date: e.returnBy !== null ? f.date(e.returnBy) : '' }) : null,
        returnBy: e?.returnBy ?? null,
        keepItem: e?.keepItem ?? false,
        exchangeOptions: (options.get(l.id) ?? []).map((o) => ({
          variantId: o.variantId,
          title: o.title,
          price: { amount: o.priceMinor, currency },
          available: o.available,
        })),
      };
    }),
    reasons: offeredReasons(p).map((r) => ({
      code: r.code,
      label: reasonLabel(r, f.locale, r.code),
      photoRequired: r.photoRequired,
    })),
    resolutions: {
      refund: p.resolutions.refund,
      storeCredit: p.resolutions.storeCredit,
      storeCreditBonusBasisPoints: p.storeCreditBonusBasisPoints,
      exchange: p.resolutions.exchange,
    },
    methods: { pickup: p.methods.pickup, dropOff: p.methods.dropOff },
  };
}

export function caseJson(view: ShopperCaseView) {
  const money = (amount: number) => ({ amount, currency: view.currency });
  return {
    id: view.id,
    number: view.number,
    status: view.status,
    type: view.type,
    resolution: view.resolution,
    method: view.method,
    order: view.orderName,
    refund: money(view.refundMinor),
    credit: money(view.creditMinor),
    fees: money(view.feeMinor),
    createdAt: view.createdAt,
    items: view.items,
    timeline: view.timeline,
    messages: view.messages,
  };
}
