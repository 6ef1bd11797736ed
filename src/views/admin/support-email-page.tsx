/** `/admin/settings/email`: where the shop's support mail arrives, where replies come from, and whether routing works. */
import type { SupportAddress } from '../../conversations/support-addresses';
import type { AdminKey } from '../../i18n/admin';
import { useAdmin, When } from './i18n';
import { AdminShell, Csrf, Flash } from './shell';

export type SupportEmailDone = 'added' | 'updated' | 'removed';
export type SupportEmailError = 'invalid' | 'replyDomain' | 'taken' | 'notFound';

export interface SupportEmailPageProps {
  shop: string;
  csrf: string;
  addresses: SupportAddress[];
  done?: { kind: SupportEmailDone; address: string } | undefined;
  error?: { kind: SupportEmailError; address: string } | undefined;
  /** What the add form held when it was refused, shown again. */
  posted?: { address: string; replyFrom: string; primary: boolean } | undefined;
}

const actionOf = (address: string) => `/admin/settings/email/${encodeURIComponent(address)}`;

export function SupportEmailPage(p: SupportEmailPageProps) {
  const { t } = useAdmin();
  const done = p.done && t(`supportEmail.${p.done.kind}` as AdminKey, { address: p.done.address });
  const error = p.error && t(`supportEmail.error.${p.error.kind}` as AdminKey, { address: p.error.address });
  return (
    <AdminShell title={t('supportEmail.title')} path="/admin/settings/email" shop={p.shop} csrf={p.csrf}>
      <h1>{t('supportEmail.title')}</h1>
      <Flash ok={done} error={error} />
      <p>{t('supportEmail.intro')}</p>
      {p.addresses.length === 0 ? <p class="muted">{t('supportEmail.none')}</p> : <AddressTable {...p} />}
      <AddForm csrf={p.csrf} posted={p.posted} />
    </AdminShell>
  );
}

function AddressTable(p: SupportEmailPageProps) {
  const { t } = useAdmin();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('supportEmail.col.address')}</th>
          <th scope="col">{t('supportEmail.col.replyFrom')}</th>
          <th scope="col">{t('supportEmail.col.status')}</th>
          <th scope="col">{t('supportEmail.col.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {p.addresses.map((a) => (
          <tr>
            <td>
              {a.address} {a.primary ? <span class="pill ok">{t('supportEmail.primary')}</span> : null}
            </td>
            <td>
              <form method="post" action={actionOf(a.address)} class="inline">
                <Csrf token={p.csrf} />
                <input
                  type="email"
                  name="replyFrom"
                  value={a.replyFrom}
                  aria-label={t('supportEmail.replyFromLabel', { address: a.address })}
                  maxlength={254}
                />{' '}
                <button type="submit" class="secondary">
                  {t('supportEmail.saveReplyFrom')}
                </button>
              </form>
            </td>
            <td>
              {a.verifiedAt ? (
                <span class="pill ok">
                  {t('supportEmail.verified')} · <When at={a.verifiedAt} time={false} />
                </span>
              ) : (
                <span class="pill warn">{t('supportEmail.unverified')}</span>
              )}
            </td>
            <td>
              {a.primary ? null : (
                <form method="post" action={actionOf(a.address)} class="inline">
                  <Csrf token={p.csrf} />
                  <input type="hidden" name="primary" value="1" />
                  <button type="submit" class="secondary">
                    {t('supportEmail.makePrimary')}
                  </button>
                </form>
              )}{' '}
              <form method="post" action={`${actionOf(a.address)}/remove`} class="inline">
                <Csrf token={p.csrf} />
                <button
                  type="submit"
                  class="secondary"
                  aria-label={t('supportEmail.removeLabel', { address: a.address })}
                >
                  {t('supportEmail.remove')}
                </button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AddForm(p: { csrf: string; posted?: SupportEmailPageProps['posted'] }) {
  const { t } = useAdmin();
  return (
    <section class="card" aria-labelledby="add-address">
      <h2 id="add-address">{t('supportEmail.add')}</h2>
      <form method="post" action="/admin/settings/email">
        <Csrf token={p.csrf} />
        <label>
          {t('supportEmail.address')}
          <br />
          <input type="email" name="address" required maxlength={254} value={p.posted?.address ?? ''} />
        </label>
        <label>
          {t('supportEmail.replyFrom')}
          <br />
          <input type="email" name="replyFrom" maxlength={254} value={p.posted?.replyFrom ?? ''} />
        </label>
        <label>
          <input type="checkbox" name="primary" value="1" checked={p.posted?.primary ?? false} />{' '}
          {t('supportEmail.addPrimary')}
        </label>
        <button type="submit">{t('supportEmail.addButton')}</button>
      </form>
    </section>
  );
}
