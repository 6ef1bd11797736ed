/** Customers whose returns are refused: email addresses, added and removed one by one. */
import { useAdmin } from './i18n';
import { fieldId, invalid, Problem, type Problems } from './policy-fields';
import { Csrf } from './shell';

export interface BlocklistRow {
  id: string;
  kind: string;
  value: string;
  reason: string | null;
}

export function Blocklist(props: { rows: BlocklistRow[]; csrf: string; problems: Problems }) {
  const { t } = useAdmin();
  return (
    <section class="card" aria-labelledby="blocklist-h">
      <h2 id="blocklist-h">{t('policy.block.title')}</h2>
      <table>
        <tr>
          <th>{t('policy.block.kind')}</th>
          <th>{t('policy.block.value')}</th>
          <th>{t('policy.block.reason')}</th>
          <th>
            <span class="visually-hidden">{t('policy.block.actions')}</span>
          </th>
        </tr>
        {props.rows.map((b) => (
          <tr>
            <td>{b.kind === 'email' ? t('policy.block.email') : t('policy.block.customer')}</td>
            <td>{b.value}</td>
            <td>{b.reason ?? ''}</td>
            <td>
              <form method="post" action="/admin/policy/blocklist/remove" class="inline">
                <Csrf token={props.csrf} />
                <input type="hidden" name="id" value={b.id} />
                <button class="secondary" type="submit" aria-label={t('policy.block.removeOne', { value: b.value })}>
                  {t('policy.block.remove')}
                </button>
              </form>
            </td>
          </tr>
        ))}
      </table>
      <form method="post" action="/admin/policy/blocklist" class="filters" style="margin-top:.5rem">
        <Csrf token={props.csrf} />
        <div class="field">
          <label for={fieldId('blockValue')}>{t('policy.block.email')}</label>
          <input
            id={fieldId('blockValue')}
            name="value"
            type="email"
            required
            {...invalid('blockValue', props.problems)}
          />
          <Problem name="blockValue" problems={props.problems} />
        </div>
        <label>
          {t('policy.block.reason')} <input name="reason" />
        </label>
        <button type="submit">{t('policy.block.add')}</button>
      </form>
    </section>
  );
}
