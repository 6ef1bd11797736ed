import type { ErrorCode } from '../../http/errors';
import { type AdminKey, adminCatalogs } from '../../i18n/admin';
import { useAdmin } from './i18n';
import { AdminShell } from './shell';

export interface ErrorPageProps {
  code: ErrorCode;
  detail: string;
  requestId?: string | undefined;
  shop?: string | undefined;
  csrf?: string | undefined;
}

/** What went wrong on an admin screen, in the member's language, with the way back. */
export function ErrorPage(p: ErrorPageProps) {
  const { t } = useAdmin();
  const key = `error.title.${p.code}`;
  const title = key in adminCatalogs.en ? t(key as AdminKey) : t('error.title.other');
  return (
    <AdminShell title={title} shop={p.shop} csrf={p.csrf}>
      <h1>{title}</h1>
      <p class="error" role="alert" data-error-code={p.code}>
        {p.detail}
      </p>
      <p>
        {p.code === 'unauthorized' ? (
          <a href="/admin/login">{t('error.signIn')}</a>
        ) : (
          <a href="/admin">{t('error.back')}</a>
        )}
      </p>
      {p.requestId ? <p class="muted">{t('error.requestId', { id: p.requestId })}</p> : null}
    </AdminShell>
  );
}
