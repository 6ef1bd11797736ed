/** Step 4: where the return stands, with the timeline the shopper may see. */
import { shopperTimelineLine } from '../../cases/case-events';
import type { MessageKey } from '../../i18n';
import type { ShopperCaseView } from '../../portal/shopper-case';
import { Notice } from '../layout';
import { PortalPage, portalHref, type PortalView } from './chrome';
import { Conversation } from './conversation';
import type { ParcelTracking } from '../../portal/order-tracking';
import { TrackingCard } from './tracking-card';

export function statusLabel(ctx: PortalView, status: string): string {
  return ctx.f.t(`st.${status}` as MessageKey);
}

/** What the shopper reads for one event: its own line, or the status it moved the case to. */
function timelineLabel(ctx: PortalView, e: { type: string; toStatus: string | null }): string {
  const line = shopperTimelineLine(e.type);
  if (line === 'hidden' || line === 'status')
    return e.toStatus ? statusLabel(ctx, e.toStatus) : ctx.f.t('status.update');
  return ctx.f.t(`timeline.${line}`);
}

export function StatusPage(props: {
  ctx: PortalView;
  view: ShopperCaseView;
  justOpened: boolean;
  sent?: boolean;
  /** The order's parcels (the case's order), for "Where your order is". */
  parcels?: ParcelTracking[];
}) {
  const { ctx, view, justOpened } = props;
  const { t } = ctx.f;
  return (
    <PortalPage ctx={ctx} title={t('status.title', { number: view.number })}>
      <h1>{t('status.title', { number: view.number })}</h1>
      {justOpened ? <Notice>{t('status.received')}</Notice> : null}
      <section class="card" aria-labelledby="status-h">
        <h2 id="status-h">{t('status.status')}</h2>
        <p>
          <span class="pill yes" id="case-status" data-status={view.status}>
            {statusLabel(ctx, view.status)}
          </span>{' '}
          {view.orderName}
        </p>
        <ul>
          {view.items.map((i) => (
            <li>
              {i.title} × {i.quantity}
            </li>
          ))}
        </ul>
      </section>
      <section class="card" aria-labelledby="timeline-h">
        <h2 id="timeline-h">{t('status.timeline')}</h2>
        <ol class="timeline">
          {view.timeline.map((e) => (
            <li>
              <time datetime={new Date(e.at).toISOString()}>{ctx.f.date(e.at, true)}</time> — {timelineLabel(ctx, e)}
              {e.message ? <div class="muted">{e.message}</div> : null}
            </li>
          ))}
        </ol>
      </section>
      <Conversation ctx={ctx} view={view} sent={props.sent ?? false} />
      {props.parcels ? <TrackingCard ctx={ctx} parcels={props.parcels} /> : null}
      <p>
        <a href={portalHref(ctx, '')}>{t('start.over')}</a>
      </p>
    </PortalPage>
  );
}
