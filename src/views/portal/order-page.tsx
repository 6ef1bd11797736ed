/** Step 2: every line with eligible/not and why; choose quantity, reason, note, photos, resolution, method. */
import { offeredReasons } from '../../cases/policy';
import { reasonLabel } from '../../i18n';
import type { VariantOption } from '../../portal/exchange-options';
import type { ShopperOrder } from '../../portal/shopper-order';
import { ErrorSummary } from '../layout';
import { HiddenSession, PortalPage, portalHref, type PortalView } from './chrome';
import { orderFormScript } from '../inline-scripts';
import { LineFacts } from './line-facts';
import { ContactForm } from './contact-form';
import type { ParcelTracking } from '../../portal/order-tracking';
import { Notice } from '../layout';
import { TrackingCard } from './tracking-card';

export interface OrderPageProps {
  ctx: PortalView;
  so: ShopperOrder;
  options: Map<string, VariantOption[]>;
  days: Array<{ value: string; start: number }>;
  /** The previous submission's fields, when re-rendered with errors. */
  values: Record<string, string>;
  errors: Record<string, string>;
  formError?: string | undefined;
  /** The order's parcels, for "Where your order is". */
  parcels: ParcelTracking[];
  /** Back from the answers step with "This answered my question". */
  answered?: boolean;
}

export function OrderPage({ ctx, so, options, days, values, errors, formError, parcels, answered }: OrderPageProps) {
  const { t, locale } = ctx.f;
  const p = so.policy;
  const currency = so.order.currency;
  const err = (name: string) => errors[name];
  const aria = (name: string, hint?: string) => {
    const ids = [hint, errors[name] ? `${name}-error` : null].filter(Boolean).join(' ');
    return { 'aria-describedby': ids || undefined, 'aria-invalid': errors[name] ? ('true' as const) : undefined };
  };
  const photoReasons = offeredReasons(p)
    .filter((r) => r.photoRequired)
    .map((r) => reasonLabel(r, locale, r.code));
  const resolutionValue =
    values.resolution ?? (p.resolutions.refund ? 'refund' : p.resolutions.storeCredit ? 'store_credit' : 'exchange');
  const methodValue = values.method ?? (p.methods.dropOff ? 'drop_off' : 'pickup');
  const addr = so.order.shippingAddress ?? {};
  const errorList = Object.values(errors);
  const anyEligible = so.lines.some((l) => so.eligibility.get(l.id)?.eligible);
  return (
    <PortalPage ctx={ctx} title={t('order.title', { name: so.order.name })} script={orderFormScript}>
      <h1>{t('order.title', { name: so.order.name })}</h1>
      {formError || errorList.length ? (
        <ErrorSummary title={formError ?? t('order.fixErrors')} errors={errorList} />
      ) : null}
      {answered ? <Notice>{t('deflect.thanks')}</Notice> : null}
      <TrackingCard ctx={ctx} parcels={parcels} />
      <p>{t('order.intro')}</p>
      <form id="return-form" method="post" action={portalHref(ctx, '/order')} enctype="multipart/form-data" novalidate>
        <HiddenSession ctx={ctx} />
        {so.lines.map((line) => {
          const e = so.eligibility.get(line.id);
          const id = line.id;
          const opts = options.get(id) ?? [];
          return (
            <section class="card" aria-labelledby={`t-${id}`}>
              <LineFacts ctx={ctx} line={line} eligibility={e} currency={currency} titleId={`t-${id}`} />
              {e?.eligible ? (
                <>
                  <div class="field">
                    <label for={`qty_${id}`}>{t('order.qty')}</label>
                    <select id={`qty_${id}`} name={`qty_${id}`} {...aria(`qty_${id}`)}>
                      <option value="0">{t('order.qtyNone')}</option>
                      {Array.from({ length: e.returnableQuantity }, (_, i) => (
                        <option value={String(i + 1)} selected={values[`qty_${id}`] === String(i + 1)}>
                          {String(i + 1)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div class="field">
                    <label for={`reason_${id}`}>{t('order.reason')}</label>
                    {err(`reason_${id}`) ? (
                      <span class="error" id={`reason_${id}-error`}>
                        {err(`reason_${id}`)}
                      </span>
                    ) : null}
                    <select id={`reason_${id}`} name={`reason_${id}`} {...aria(`reason_${id}`)}>
                      <option value="">{t('order.reasonChoose')}</option>
                      {offeredReasons(p).map((r) => (
                        <option value={r.code} selected={values[`reason_${id}`] === r.code}>
                          {reasonLabel(r, locale, r.code)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div class="field">
                    <label for={`photos_${id}`}>{t('order.photos')}</label>
                    <span class="hint" id={`photos_${id}-hint`}>
                      {t('order.photosHint', {
                        reasons: photoReasons.length
                          ? new Intl.ListFormat(locale, { type: 'disjunction' }).format(photoReasons)
                          : '—',
                      })}
                    </span>
                    {err(`photos_${id}`) ? (
                      <span class="error" id={`photos_${id}-error`}>
                        {err(`photos_${id}`)}
                      </span>
                    ) : null}
                    <input
                      id={`photos_${id}`}
                      name={`photos_${id}`}
                      type="file"
                      multiple
                      accept="image/jpeg,image/png,image/webp,image/heic"
                      {...aria(`photos_${id}`, `photos_${id}-hint`)}
                    />
                  </div>
                  <div class="field">
                    <label for={`note_${id}`}>{t('order.note')}</label>
                    <textarea id={`note_${id}`} name={`note_${id}`} maxlength={1000} rows={2}>
                      {values[`note_${id}`] ?? ''}
                    </textarea>
                  </div>
                  {p.resolutions.exchange && opts.length > 0 ? (
                    <div class="field exchange">
                      <label for={`exchange_${id}`}>{t('order.exchangeFor')}</label>
                      {err(`exchange_${id}`) ? (
                        <span class="error" id={`exchange_${id}-error`}>
                          {err(`exchange_${id}`)}
                        </span>
                      ) : null}
                      <select id={`exchange_${id}`} name={`exchange_${id}`} {...aria(`exchange_${id}`)}>
                        <option value="">—</option>
                        {opts.map((o) => (
                          <option
                            value={o.variantId}
                            disabled={o.available <= 0}
                            selected={values[`exchange_${id}`] === o.variantId}
                          >
                            {`${o.title} · ${ctx.f.money({ amount: o.priceMinor, currency })} · ${o.available <= 0 ? t('order.outOfStock') : Number.isFinite(o.available) ? t('order.inStock', { count: o.available }) : t('order.available')}`}
                          </option>
                        ))}
                      </select>
                    </div>
                  ) : null}
                </>
              ) : null}
            </section>
          );
        })}
        {anyEligible ? (
          <>
            <fieldset>
              <legend>{t('order.resolution')}</legend>
              {(
                [
                  ['refund', p.resolutions.refund, t('res.refund')],
                  [
                    'store_credit',
                    p.resolutions.storeCredit,
                    p.storeCreditBonusBasisPoints > 0
                      ? t('res.store_credit.bonus', { percent: ctx.f.percent(p.storeCreditBonusBasisPoints) })
                      : t('res.store_credit'),
                  ],
                  ['exchange', p.resolutions.exchange, t('res.exchange')],
                ] as const
              )
                .filter(([, on]) => on)
                .map(([value, , label]) => (
                  <div class="choice">
                    <input
                      type="radio"
                      id={`res-${value}`}
                      name="resolution"
                      value={value}
                      checked={resolutionValue === value}
                    />
                    <label for={`res-${value}`}>{label}</label>
                  </div>
                ))}
            </fieldset>
            <fieldset>
              <legend>{t('order.method')}</legend>
              {(
                [
                  ['pickup', p.methods.pickup, t('method.pickup')],
                  ['drop_off', p.methods.dropOff, t('method.drop_off')],
                ] as const
              )
                .filter(([, on]) => on)
                .map(([value, , label]) => (
                  <div class="choice">
                    <input type="radio" id={`m-${value}`} name="method" value={value} checked={methodValue === value} />
                    <label for={`m-${value}`}>{label}</label>
                  </div>
                ))}
            </fieldset>
            {p.methods.pickup ? (
              <fieldset id="pickup">
                <legend>{t('pickup.address')}</legend>
                {err('pickup') ? (
                  <p class="error" id="pickup-error">
                    {err('pickup')}
                  </p>
                ) : null}
                {(
                  [
                    ['pickup_name', t('pickup.name'), addr.name, 'name'],
                    ['pickup_address1', t('pickup.address1'), addr.address1, 'street-address'],
                    ['pickup_city', t('pickup.city'), addr.city, 'address-level2'],
                    ['pickup_zip', t('pickup.zip'), addr.zip, 'postal-code'],
                    ['pickup_country', t('pickup.country'), addr.country, 'country-name'],
                  ] as const
                ).map(([name, label, fallback, autocomplete]) => (
                  <div class="field">
                    <label for={name}>{label}</label>
                    <input
                      id={name}
                      name={name}
                      type="text"
                      autocomplete={autocomplete}
                      value={values[name] ?? fallback ?? ''}
                      aria-describedby={err('pickup') ? 'pickup-error' : undefined}
                    />
                  </div>
                ))}
                <div class="field">
                  <label for="pickup_date">{t('pickup.window')}</label>
                  <select id="pickup_date" name="pickup_date">
                    {days.map((d) => (
                      <option value={d.value} selected={values.pickup_date === d.value}>
                        {`${ctx.f.date(d.start)} · 09:00–17:00`}
                      </option>
                    ))}
                  </select>
                </div>
              </fieldset>
            ) : null}
            <button type="submit">{t('order.continue')}</button>
          </>
        ) : (
          <p>
            <a href={portalHref(ctx, '')}>{t('start.over')}</a>
          </p>
        )}
      </form>
      <ContactForm ctx={ctx} />
    </PortalPage>
  );
}
