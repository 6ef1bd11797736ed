import { useAdmin } from './i18n';
import { AdminShell } from './shell';

export interface LoginPageProps {
  csrf: string;
  next: string;
  error?: string | undefined;
  shop?: string | undefined;
  /** Shown after a sign-in link was asked for. */
  notice?: string | undefined;
}

function TokenForm(props: LoginPageProps) {
  const { t } = useAdmin();
  return (
    <form method="post" action="/admin/login" class="card" style="max-width:420px">
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <input type="hidden" name="_csrf" value={props.csrf} />
      <input type="hidden" name="next" value={props.next} />
      <label>
        {t('login.shop')}
        <br />
        <input
          name="shop"
          required
          placeholder={t('login.shopHint')}
          value={props.shop ?? ''}
          size={36}
          autocomplete="username"
        />
      </label>
      <label>
        {t('login.token')}
        <br />
        <input name="token" type="password" required size={36} autocomplete="current-password" />
      </label>
      <p>
        <button type="submit">{t('login.submit')}</button>
      </p>
      <p class="muted">{t('login.fromShopify')}</p>
    </form>
  );
}

function LinkForm(props: LoginPageProps) {
  const { t } = useAdmin();
  return (
    <form method="post" action="/admin/login/link" class="card" style="max-width:420px">
      <h2>{t('login.link.heading')}</h2>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <input type="hidden" name="_csrf" value={props.csrf} />
      <label>
        {t('login.shop')}
        <br />
        <input name="shop" required placeholder={t('login.shopHint')} value={props.shop ?? ''} size={36} />
      </label>
      <label>
        {t('login.link.email')}
        <br />
        <input name="email" type="email" required size={36} autocomplete="email" />
      </label>
      <p>
        <button type="submit">{t('login.link.submit')}</button>
      </p>
      <p class="muted">{t('login.link.note')}</p>
    </form>
  );
}

export function LoginPage(props: LoginPageProps) {
  const { t } = useAdmin();
  return (
    <AdminShell title={t('login.title')}>
      <h1>{t('login.heading')}</h1>
      <TokenForm {...props} />
      <LinkForm {...props} />
    </AdminShell>
  );
}
