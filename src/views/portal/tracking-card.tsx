/** "Where your order is": one block per parcel (carrier, status, tracking number and link, delivery). No JS. */
import type { MessageKey } from '../../i18n';
import type { ParcelTracking } from '../../portal/order-tracking';
import { portalHref, type PortalView } from './chrome';

const knownStatuses = new Set([
  'pending',
  'confirmed',
  'label_printed',
  'label_purchased',
  'in_transit',
  'out_for_delivery',
  'attempted_delivery',
  'ready_for_pickup',
  'delivered',
  'failure',
  'cancelled',
]);

export function shipmentStatusLabel(ctx: PortalView, status: string): string {
  return ctx.f.t(`ship.${knownStatuses.has(status) ? status : 'other'}` as MessageKey);
}

function Parcel({ ctx, parcel, n }: { ctx: PortalView; parcel: ParcelTracking; n: number }) {
  const { t } = ctx.f;
  return (
    <li data-status={parcel.status}>
      <h3>{t('track.parcel', { n })}</h3>
      <dl>
        <dt>{t('track.status')}</dt>
        <dd>
          <strong>
            {parcel.deliveredAt
              ? t('track.delivered', { date: ctx.f.date(parcel.deliveredAt) })
              : shipmentStatusLabel(ctx, parcel.status)}
          </strong>
        </dd>
        <dt>{t('track.carrier')}</dt>
        <dd>{parcel.carrier ?? '—'}</dd>
        {parcel.trackingNumber ? (
          <>
            <dt>{t('track.number')}</dt>
            <dd>
              <code>{parcel.trackingNumber}</code>
            </dd>
          </>
        ) : null}
        {parcel.estimatedDeliveryAt && !parcel.deliveredAt ? (
          <>
            <dt>{t('track.eta')}</dt>
            <dd>{ctx.f.date(parcel.estimatedDeliveryAt)}</dd>
          </>
        ) : null}
        {parcel.updatedAt ? (
          <>
            <dt>{t('track.updated')}</dt>
            <dd>
              <time datetime={new Date(parcel.updatedAt).toISOString()}>{ctx.f.date(parcel.updatedAt, true)}</time>
            </dd>
          </>
        ) : null}
      </dl>
      {parcel.trackingUrl ? (
        <p>
          <a href={parcel.trackingUrl} rel="noopener noreferrer external" target="_blank">
            {t('track.link')}
          </a>
        </p>
      ) : null}
    </li>
  );
}

export function TrackingCard({ ctx, parcels }: { ctx: PortalView; parcels: ParcelTracking[] }) {
  const { t } = ctx.f;
  return (
    <section class="card" aria-labelledby="tracking" id="tracking-card">
      <h2 id="tracking">{t('track.title')}</h2>
      {parcels.length === 0 ? (
        <p>{t('track.none')}</p>
      ) : (
        <ol class="parcels">
          {parcels.map((parcel, i) => (
            <Parcel ctx={ctx} parcel={parcel} n={i + 1} />
          ))}
        </ol>
      )}
      <p class="muted">
        <a href={portalHref(ctx, '/help/where-is-my-order')}>{t('track.help')}</a>
      </p>
    </section>
  );
}
