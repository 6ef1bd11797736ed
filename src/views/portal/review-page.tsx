/** Step 3: what will happen and the money: items, fees, refund/credit/exchange amount, method. */
import { reasonLabel, type MessageKey } from '../../i18n';
import type { ReturnPreview, ReturnRequest } from '../../portal/return-request';
import type { ShopperOrder } from '../../portal/shopper-order';
import { HiddenSession, PortalPage, portalHref, type PortalView } from './chrome';

export interface ReviewPageProps {
  ctx: PortalView;
  so: ShopperOrder;
  request: ReturnRequest;
  preview: ReturnPreview;
  /** Variant titles for the exchange choices, by variant id. */
  variantTitles: Map<string, string>;
  /** The signed draft, posted back on submit. */
  draft: string;
  /** The question's visit when the shopper came through the answers step (carried to submit). */
  visit?: string | null;
}

export function ReviewPage({ ctx, so, request, preview, variantTitles, draft, visit }: ReviewPageProps) {
  const { t, locale } = ctx.f;
  const money = (amount: number) => ctx.f.money({ amount, currency: preview.currency });
  const q = preview.quote;
  const lines = new Map(so.lines.map((l) => [l.id, l]));
  const reason = (code: string) =>
    reasonLabel(
      so.policy.reasons.find((r) => r.code === code),
      locale,
      code,
    );
  return (
    <PortalPage ctx={ctx} title={t('review.title')}>
      <h1>{t('review.title')}</h1>
      <section class="card" aria-labelledby="items-h">
        <h2 id="items-h">{t('review.items')}</h2>
        <ul>
          {request.items.map((i) => {
            const exchange = i.exchangeVariantId ?? request.exchange?.variantId;
            return (
              <li>
                <strong>{lines.get(i.lineItemId)?.title ?? i.lineItemId}</strong> × {i.quantity} — {reason(i.reason)}
                {i.photos?.length ? ` · ${t('review.photos', { count: i.photos.length })}` : ''}
                {request.resolution === 'exchange' && exchange ? ` → ${variantTitles.get(exchange) ?? exchange}` : ''}
              </li>
            );
          })}
        </ul>
        <table>
          <tbody>
            <tr>
              <th scope="row">{t('review.subtotal')}</th>
              <td class="num">{money(q.itemsMinor)}</td>
            </tr>
            {q.restockingFeeMinor > 0 ? (
              <tr>
                <th scope="row">{t('review.restocking')}</th>
                <td class="num">−{money(q.restockingFeeMinor)}</td>
              </tr>
            ) : null}
            {request.resolution !== 'exchange' ? (
              <tr>
                <th scope="row">{t('review.shipping')}</th>
                <td class="num">{q.shippingFeeMinor > 0 ? `−${money(q.shippingFeeMinor)}` : money(0)}</td>
              </tr>
            ) : null}
            {q.bonusMinor > 0 ? (
              <tr>
                <th scope="row">{t('review.bonus')}</th>
                <td class="num">+{money(q.bonusMinor)}</td>
              </tr>
            ) : null}
            <tr class="total">
              <th scope="row">
                {request.resolution === 'refund'
                  ? t('review.refund')
                  : request.resolution === 'store_credit'
                    ? t('review.credit')
                    : t('review.exchange')}
              </th>
              <td class="num" id="amount">
                {request.resolution === 'refund'
                  ? money(q.refundMinor)
                  : request.resolution === 'store_credit'
                    ? money(q.creditMinor)
                    : money(Math.max(0, q.exchangeDifferenceMinor))}
              </td>
            </tr>
          </tbody>
        </table>
        <p>
          <strong>{t('review.method')}:</strong> {t(`method.${request.method}` as MessageKey)}
          {request.pickup
            ? ` — ${request.pickup.address.address1}, ${request.pickup.address.city} · ${ctx.f.date(request.pickup.window.start, true)}`
            : ''}
        </p>
      </section>
      <form method="post" action={portalHref(ctx, '/submit')}>
        <HiddenSession ctx={ctx} />
        <input type="hidden" name="d" value={draft} />
        {visit ? <input type="hidden" name="v" value={visit} /> : null}
        <p class="row">
          <button type="submit">{t('review.submit')}</button>
          <a class="button secondary" href={portalHref(ctx, '/order')}>
            {t('review.back')}
          </a>
        </p>
      </form>
    </PortalPage>
  );
}
