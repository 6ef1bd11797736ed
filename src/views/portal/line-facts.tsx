/** One order line: picture, title, price, and eligible/not with the reason in plain words. */
import type { LineEligibility } from '../../cases/policy';
import type { MessageKey } from '../../i18n';
import type { OrderLineRow } from '../../portal/shopper-order';
import type { PortalView } from './chrome';

export function eligibilityText(ctx: PortalView, e: LineEligibility | undefined): string {
  if (!e) return ctx.f.t('policy.unknown_line');
  const date = e.returnBy !== null ? ctx.f.date(e.returnBy) : '';
  if (e.eligible && e.keepItem) return ctx.f.t('policy.keep');
  return ctx.f.t(e.messageKey as MessageKey, { date });
}

export function LineFacts(props: {
  ctx: PortalView;
  line: OrderLineRow;
  eligibility: LineEligibility | undefined;
  currency: string;
  titleId: string;
}) {
  const { ctx, line, eligibility: e } = props;
  const t = ctx.f.t;
  return (
    <div class="row">
      {line.imageUrl && /^https:\/\//.test(line.imageUrl) ? (
        <img class="thumb" src={line.imageUrl} alt="" width={56} height={56} />
      ) : null}
      <div>
        <h2 id={props.titleId} style="margin:0;font-size:1.05rem">
          {line.title}
        </h2>
        <div class="muted">
          {[line.variantTitle, `× ${line.quantity}`, ctx.f.money({ amount: line.priceMinor, currency: props.currency })]
            .filter(Boolean)
            .join(' · ')}
        </div>
        <div>
          <span class={`pill ${e?.eligible ? 'yes' : 'no'}`}>
            {e?.eligible ? t('order.eligible') : t('order.notEligible')}
          </span>{' '}
          {eligibilityText(ctx, e)}
        </div>
      </div>
    </div>
  );
}
