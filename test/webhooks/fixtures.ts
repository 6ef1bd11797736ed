/** The real published samples, as raw text (see test/fixtures/SOURCES.md). */
import appUninstalled from '../fixtures/shopify/app__uninstalled.json?raw';
import customersDataRequest from '../fixtures/shopify/customers__data_request.json?raw';
import customersRedact from '../fixtures/shopify/customers__redact.json?raw';
import fulfillmentsCreate from '../fixtures/shopify/fulfillments__create.json?raw';
import ordersCreate from '../fixtures/shopify/orders__create.json?raw';
import refundsCreate from '../fixtures/shopify/refunds__create.json?raw';
import returnsRequest from '../fixtures/shopify/returns__request.json?raw';
import shopRedact from '../fixtures/shopify/shop__redact.json?raw';
import chargeRefunded from '../fixtures/stripe/events/charge.refunded.json?raw';
import refundCreated from '../fixtures/stripe/events/refund.created.json?raw';
import refundFailed from '../fixtures/stripe/events/refund.failed.json?raw';
import refundUpdated from '../fixtures/stripe/events/refund.updated.json?raw';
import eventEnvelope from '../fixtures/stripe/openapi_fixtures3__event.json?raw';

export const shopify = {
  appUninstalled,
  customersDataRequest,
  customersRedact,
  fulfillmentsCreate,
  ordersCreate,
  refundsCreate,
  returnsRequest,
  shopRedact,
};
export const stripe = { chargeRefunded, refundCreated, refundFailed, refundUpdated, eventEnvelope };

/** The sample order's real 64-bit id (it does not survive a plain JSON.parse). */
export const SAMPLE_ORDER_ID = '820982911946154508';
export const SAMPLE_ORDER_GID = `gid://shopify/Order/${SAMPLE_ORDER_ID}`;

/**
 * Replaces top-level-ish string/number fields of a raw sample by regex on its text, so the other
 * 64-bit ids stay byte-exact (no JSON.parse / JSON.stringify round trip).
 */
export function patchRaw(raw: string, replacements: Record<string, string>): string {
  let out = raw;
  for (const [field, json] of Object.entries(replacements)) {
    const re = new RegExp(`("${field}":\\s*)("(?:[^"\\\\]|\\\\.)*"|-?[\\d.]+|null|true|false)`);
    if (!re.test(out)) throw new Error(`patchRaw: no field ${field}`);
    out = out.replace(re, (_m, head: string) => head + json);
  }
  return out;
}
