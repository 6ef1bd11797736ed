import type { CaseDetail } from '../../admin/case-detail';
import type { AdminKey } from '../../i18n/admin';
import { useAdmin } from './i18n';
import { Csrf } from './shell';

/** What the shopper sends back: each item with its reason, condition and photos; the case's tags. */
export function ItemsCard({ d, csrf }: { d: CaseDetail; csrf: string }) {
  const { t, money } = useAdmin();
  const c = d.loaded.row;
  const lineOf = new Map(d.lines.map((l) => [l.id, l]));
  return (
    <section class="card" aria-labelledby="items">
      <h2 id="items">{t('case.items')}</h2>
      {d.loaded.items.length === 0 ? <p class="muted">{t('case.items.none')}</p> : null}
      <table hidden={d.loaded.items.length === 0}>
        <tr>
          <th>{t('case.items.item')}</th>
          <th class="num">{t('case.items.qty')}</th>
          <th>{t('case.items.reason')}</th>
          <th>{t('case.items.condition')}</th>
          <th>{t('case.items.photos')}</th>
        </tr>
        {d.loaded.items.map((i) => {
          const line = i.orderLineId ? lineOf.get(i.orderLineId) : undefined;
          const title = i.title ?? line?.title ?? i.sku ?? '';
          return (
            <tr>
              <td>
                {title}
                {line?.variantTitle ? ` (${line.variantTitle})` : ''}
                <br />
                <span class="muted">
                  {i.sku ?? ''} · {money({ amount: i.unitPriceMinor, currency: c.currency })}
                </span>
                {i.note ? (
                  <>
                    <br />“{i.note}”
                  </>
                ) : null}
              </td>
              <td class="num">{i.quantity}</td>
              <td>{i.reason.replaceAll('_', ' ')}</td>
              <td>{i.condition ? t(`case.condition.${i.condition}` as AdminKey) : '—'}</td>
              <td class="photos">
                {i.photoKeys.map((k) => (
                  <a href={`/admin/photos/${c.id}/${encodeURIComponent(k)}`}>
                    <img
                      src={`/admin/photos/${c.id}/${encodeURIComponent(k)}`}
                      alt={t('case.items.photoAlt', { title })}
                    />
                  </a>
                ))}
              </td>
            </tr>
          );
        })}
      </table>
      <p>
        {t('case.tags')}{' '}
        {c.tags.length ? (
          c.tags.map((tag) => <span class="pill">{tag}</span>)
        ) : (
          <span class="muted">{t('case.none')}</span>
        )}
      </p>
      <TagForm caseId={c.id} csrf={csrf} />
    </section>
  );
}

function TagForm({ caseId, csrf }: { caseId: string; csrf: string }) {
  const { t } = useAdmin();
  return (
    <form method="post" action={`/admin/cases/${caseId}/actions`} class="filters" data-action="tag">
      <Csrf token={csrf} />
      <input type="hidden" name="action" value="tag" />
      <label>
        {t('case.field.tagsAdd')} <input name="add" size={24} />
      </label>
      <label>
        {t('case.field.tagsRemove')} <input name="remove" size={24} />
      </label>
      <button type="submit" class="secondary">
        {t('case.action.tag')}
      </button>
    </form>
  );
}
