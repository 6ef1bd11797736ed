/**
 * Opening a return for a shopper, shared by the JSON API and the page: the request is checked
 * against the policy (422 naming every item that may not be returned), photos must be this order's,
 * an exchange must be another in-stock variant of the same product; then `openReturn` writes the
 * case, its items, its first event and the confirmation email in one batch.
 */
import { AppError } from '../http/errors';
import type { Formatter, MessageKey } from '../i18n';
import type { Services } from '../services';
import { exchangeOptions } from './exchange-options';
import { photoBelongsTo } from './photos';
import { previewReturn, type ReturnPreview, type ReturnRequest } from './return-request';
import type { ShopperOrder } from './shopper-order';
import type { ShopperClaims } from './token';

export interface CheckedRequest {
  request: ReturnRequest;
  preview: ReturnPreview;
  /** Exchange variant per line id, with its title and price. */
  exchanges: Map<string, { variantId: string; title: string; priceMinor: number }>;
}

/** Everything short of writing: throws 422 with `items: [{ lineItemId, code, message }]` on refusal. */
export async function checkReturnRequest(
  s: Services,
  so: ShopperOrder,
  req: ReturnRequest,
  f: Formatter,
): Promise<CheckedRequest> {
  const problems: Array<{ lineItemId: string; code: string; message: string }> = [];
  const lines = new Map(so.lines.map((l) => [l.id, l]));
  const exchanges: CheckedRequest['exchanges'] = new Map();
  for (const item of req.items) {
    for (const key of item.photos ?? []) {
      if (!photoBelongsTo(key, so.shop.id, so.order.id))
        problems.push({
          lineItemId: item.lineItemId,
          code: 'photo_not_found',
          message: `photo ${key} was not uploaded for this order`,
        });
    }
    if (req.resolution !== 'exchange') continue;
    const line = lines.get(item.lineItemId);
    const wanted = item.exchangeVariantId ?? req.exchange?.variantId;
    if (!line || !wanted) continue;
    const option = (await exchangeOptions(s, so.shop, line.productId, line.variantId)).find(
      (o) => o.variantId === wanted,
    );
    if (!option || option.available < item.quantity) {
      problems.push({ lineItemId: item.lineItemId, code: 'exchange_unavailable', message: f.t('err.exchange') });
    } else
      exchanges.set(item.lineItemId, {
        variantId: option.variantId,
        title: option.title,
        priceMinor: option.priceMinor,
      });
  }
  const exchangeValue =
    req.resolution === 'exchange'
      ? req.items.reduce((sum, i) => sum + (exchanges.get(i.lineItemId)?.priceMinor ?? 0) * i.quantity, 0)
      : undefined;
  const preview = previewReturn(so, req, exchangeValue);
  for (const p of preview.problems) {
    const e = so.eligibility.get(p.lineId);
    problems.push({
      lineItemId: p.lineId,
      code: p.code,
      message: f.t(p.messageKey as MessageKey, { date: e?.returnBy ? f.date(e.returnBy) : '' }),
    });
  }
  if (problems.length > 0) {
    const names = [...new Set(problems.map((p) => lines.get(p.lineItemId)?.title ?? p.lineItemId))];
    throw new AppError('unprocessable', `These items cannot be returned as asked: ${names.join(', ')}.`, {
      extra: { items: problems },
    });
  }
  return { request: req, preview, exchanges };
}

export interface SubmitOptions {
  claims: ShopperClaims;
  f: Formatter;
}
