import type { CaseDetail } from '../../admin/case-detail';
import type { SlaMarker } from '../../admin/sla-marker';
import type { AdminKey } from '../../i18n/admin';
import { useAdmin, When } from './i18n';
import { slaMarkerText } from './words';

const pillClass = { breach: 'breach', warn: 'warn', ok: 'ok' } as Record<string, string | undefined>;

/** The case's response-time targets, in the shop's zone. */
export function SlaCard({ d, sla }: { d: CaseDetail; sla: SlaMarker }) {
  const { t } = useAdmin();
  const c = d.loaded.row;
  return (
    <section class="card" aria-labelledby="sla">
      <h2 id="sla">{t('case.sla')}</h2>
      <p>
        <span class={`pill ${pillClass[sla.kind] ?? ''}`}>{slaMarkerText(t, sla)}</span>
      </p>
      <table>
        <tr>
          <td>{t('case.sla.priority')}</td>
          <td>
            {t(`case.priority.${c.priority}` as AdminKey)} · T{c.tier}
          </td>
        </tr>
        <tr>
          <td>{t('case.sla.firstResponse')}</td>
          <td>
            <When at={c.firstResponseDueAt} />
            {c.firstRespondedAt ? (
              <>
                {' '}
                ({t('case.sla.answered')} <When at={c.firstRespondedAt} />)
              </>
            ) : null}
          </td>
        </tr>
        <tr>
          <td>{t('case.sla.nextUpdate')}</td>
          <td>
            <When at={c.nextUpdateDueAt} />
          </td>
        </tr>
        <tr>
          <td>{t('case.sla.resolution')}</td>
          <td>
            <When at={c.resolutionDueAt} />
            {c.slaResolutionHeldAt !== null ? <ResolutionHeld since={c.slaResolutionHeldAt} /> : null}
          </td>
        </tr>
        <tr>
          <td>{t('case.sla.breaches')}</td>
          <td>{c.breaches.length ? c.breaches.join(', ') : t('case.none')}</td>
        </tr>
        <tr>
          <td>{t('case.sla.paused')}</td>
          <td>{c.slaPausedAt ? <When at={c.slaPausedAt} /> : t('case.no')}</td>
        </tr>
      </table>
    </section>
  );
}

/** Who wrote, their other cases, and a link to their profile. */
export function CustomerCard({ d }: { d: CaseDetail }) {
  const { t } = useAdmin();
  const name = d.customer ? [d.customer.firstName, d.customer.lastName].filter(Boolean).join(' ') : '';
  return (
    <section class="card" aria-labelledby="cust">
      <h2 id="cust">{t('case.customer')}</h2>
      <p>
        {name || t('case.customer.noName')} {d.customer?.vip ? <span class="pill warn">VIP</span> : null}
        <br />
        {d.customer?.email ?? d.order?.email ?? ''}
        {d.customer?.tags.length ? (
          <>
            <br />
            <span class="muted">{d.customer.tags.join(', ')}</span>
          </>
        ) : null}
      </p>
      <h3>{t('case.customer.otherCases')}</h3>
      {d.history.length === 0 ? <p class="muted">{t('case.none')}</p> : null}
      <ul>
        {d.history.map((h) => (
          <li>
            <a href={`/admin/cases/${h.id}`}>R-{h.number}</a> {t(`case.type.${h.type}` as AdminKey)} ·{' '}
            {t(`case.status.${h.status}` as AdminKey)} · <When at={h.createdAt} time={false} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The order, its parcels, and the money this case has moved or will move. */
export function OrderCard({ d }: { d: CaseDetail }) {
  const { t, money } = useAdmin();
  return (
    <section class="card" aria-labelledby="order">
      <h2 id="order">{t('case.order', { name: d.order?.name ?? '' })}</h2>
      {d.order ? (
        <p>
          {money({ amount: d.order.totalMinor, currency: d.order.currency })} · {d.order.financialStatus ?? ''} ·{' '}
          {t('case.order.placed')} <When at={d.order.processedAt} time={false} />
        </p>
      ) : (
        <p class="muted">{t('case.order.none')}</p>
      )}
      {d.shipments.map((x) => (
        <p>
          {x.carrier ?? t('case.order.carrier')}: {x.status}{' '}
          {x.deliveredAt ? (
            <>
              · {t('case.order.delivered')} <When at={x.deliveredAt} />
            </>
          ) : x.estimatedDeliveryAt ? (
            <>
              · {t('case.order.expected')} <When at={x.estimatedDeliveryAt} />
            </>
          ) : null}
        </p>
      ))}
      <CaseMoney d={d} />
    </section>
  );
}

/** What the case resolved to, the money it moved, its pickups and its survey. */
function CaseMoney({ d }: { d: CaseDetail }) {
  const { t, money } = useAdmin();
  const c = d.loaded.row;
  const m = (amountMinor: number, currency = c.currency) => money({ amount: amountMinor, currency });
  return (
    <>
      <p>
        {t('case.order.resolution', {
          resolution: c.resolution ? t(`case.resolution.${c.resolution}` as AdminKey) : '—',
          method: c.method ? t(`case.method.${c.method}` as AdminKey) : '—',
        })}
      </p>
      <p>{t('case.order.money', { refund: m(c.refundMinor), credit: m(c.creditMinor), fees: m(c.feeMinor) })}</p>
      {d.loaded.refunds.map((r) => (
        <p data-refund={r.status}>
          {t(`case.resolution.${r.kind}` as AdminKey)} {m(r.amountMinor, r.currency)} · {r.provider}:{' '}
          <strong>{r.status}</strong>
        </p>
      ))}
      {d.pickups.map((p) => (
        <p>
          {t('case.order.pickup', { carrier: p.carrier })}: {p.status} {p.confirmation ?? ''}
        </p>
      ))}
      {d.survey ? (
        <p>
          {t('case.order.survey', { kind: d.survey.kind })}: {d.survey.score ?? d.survey.status}{' '}
          {d.survey.comment ? `“${d.survey.comment}”` : ''}
        </p>
      ) : null}
    </>
  );
}

/** The resolution target waits while the return's parcel is with the shopper or the carrier. */
function ResolutionHeld({ since }: { since: number }) {
  const { t } = useAdmin();
  const [before, after] = t('case.sla.resolutionHeld', { since: '{since}' }).split('{since}');
  return (
    <>
      <br />
      <span class="muted" data-resolution-held>
        {before}
        <When at={since} />
        {after}
      </span>
    </>
  );
}
