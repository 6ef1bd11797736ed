import type { CaseDetail } from '../../admin/case-detail';
import type { CaseStepName } from '../../admin/case-next-steps';
import { itemConditions } from '../../commands/case-action-schema';
import type { AdminKey } from '../../i18n/admin';
import { toDecimal } from '../../lib/money';
import type { VariantOption } from '../../portal/exchange-options';
import { useAdmin } from './i18n';

/** Per item, the variants it may be exchanged for (other variants of the same product). */
export type ItemVariants = Record<string, VariantOption[]>;

const Note = ({ label }: { label: AdminKey }) => {
  const { t } = useAdmin();
  return (
    <label>
      {t(label)} <input name="note" size={30} />
    </label>
  );
};

/** The fields one action's form asks for; the button is the caller's. */
export function ActionFields({ name, d, variants }: { name: CaseStepName; d: CaseDetail; variants: ItemVariants }) {
  const { t } = useAdmin();
  const c = d.loaded.row;
  switch (name) {
    case 'reject':
      return (
        <label>
          {t('case.field.rejectReason')} <input name="reason" size={30} required />
        </label>
      );
    case 'request_info':
      return (
        <label>
          {t('case.field.question')} <input name="message" size={34} required />
        </label>
      );
    case 'reopen':
      return (
        <label>
          {t('case.field.reason')} <input name="reason" size={30} required />
        </label>
      );
    case 'close':
      return (
        <label>
          {t('case.field.reasonOptional')} <input name="reason" size={30} />
        </label>
      );
    case 'customer_replied':
      return (
        <label>
          {t('case.field.answerOptional')} <input name="message" size={30} />
        </label>
      );
    case 'receive':
      return <ReceiveFields d={d} />;
    case 'refund':
    case 'store_credit':
      return (
        <label>
          {t(name === 'refund' ? 'case.field.refundAmount' : 'case.field.creditAmount', { currency: c.currency })}{' '}
          <input
            name="amount"
            size={10}
            inputmode="decimal"
            placeholder={name === 'refund' && c.refundMinor ? toDecimal(c.refundMinor, c.currency) : ''}
          />
        </label>
      );
    case 'exchange':
      return <ExchangeFields d={d} variants={variants} />;
    default:
      return <Note label="case.field.noteOptional" />;
  }
}

function ReceiveFields({ d }: { d: CaseDetail }) {
  const { t } = useAdmin();
  return (
    <>
      {d.loaded.items.map((i) => (
        <label>
          {i.title ?? i.sku} ×{i.quantity} <input type="hidden" name="itemId" value={i.id} />
          <select name="condition" aria-label={t('case.field.condition', { title: i.title ?? i.sku ?? '' })}>
            {itemConditions.map((k) => (
              <option value={k} selected={(i.condition ?? 'as_new') === k}>
                {t(`case.condition.${k}` as AdminKey)}
              </option>
            ))}
          </select>
        </label>
      ))}
    </>
  );
}

/** Each item's swap, chosen by variant name, with its stock and the price difference against the item. */
function ExchangeFields({ d, variants }: { d: CaseDetail; variants: ItemVariants }) {
  const { t, money } = useAdmin();
  const currency = d.loaded.row.currency;
  const difference = (minor: number) =>
    minor === 0
      ? t('case.exchange.samePrice')
      : t(minor > 0 ? 'case.exchange.dearer' : 'case.exchange.cheaper', {
          amount: money({ amount: Math.abs(minor), currency }),
        });
  return (
    <>
      {d.loaded.items.map((i) => {
        const options = variants[i.id] ?? [];
        return (
          <label>
            {t('case.exchange.for', { title: i.title ?? i.sku ?? '' })}{' '}
            <input type="hidden" name="itemId" value={i.id} />
            <select name="variantId">
              <option value="">{t('case.exchange.keep')}</option>
              {options.map((v) => (
                <option
                  value={v.variantId}
                  disabled={v.available < i.quantity}
                  selected={v.variantId === i.exchangeVariantId}
                >
                  {v.title} · {stock(t, v.available)} · {difference(v.priceMinor - i.unitPriceMinor)}
                </option>
              ))}
            </select>
          </label>
        );
      })}
    </>
  );
}

function stock(t: ReturnType<typeof useAdmin>['t'], available: number): string {
  if (available === Number.POSITIVE_INFINITY) return t('case.exchange.untracked');
  return available > 0 ? t('case.exchange.inStock', { count: available }) : t('case.exchange.outOfStock');
}
