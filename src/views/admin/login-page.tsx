import { AdminShell } from './shell';

export function LoginPage(props: {
  csrf: string;
  next: string;
  error?: string | undefined;
  shop?: string | undefined;
  /** Shown after a sign-in link was asked for. */
  notice?: string | undefined;
}) {
  return (
    <AdminShell title="Sign in">
      <h1>Aftercare admin</h1>
      <form method="post" action="/admin/login" class="card" style="max-width:420px">
        {props.error ? (
          <p class="error" role="alert">
            {props.error}
          </p>
        ) : null}
        <input type="hidden" name="_csrf" value={props.csrf} />
        <input type="hidden" name="next" value={props.next} />
        <label>
          Shop domain
          <br />
          <input
            name="shop"
            required
            placeholder="your-shop.myshopify.com"
            value={props.shop ?? ''}
            size={36}
            autocomplete="username"
          />
        </label>
        <label>
          Admin token
          <br />
          <input name="token" type="password" required size={36} autocomplete="current-password" />
        </label>
        <p>
          <button type="submit">Sign in</button>
        </p>
        <p class="muted">Installed from Shopify? Open the app from your Shopify admin instead.</p>
      </form>
      <form method="post" action="/admin/login/link" class="card" style="max-width:420px">
        <h2>Team members: sign in by email</h2>
        {props.notice ? (
          <p class="notice" role="status">
            {props.notice}
          </p>
        ) : null}
        <input type="hidden" name="_csrf" value={props.csrf} />
        <label>
          Shop domain
          <br />
          <input name="shop" required placeholder="your-shop.myshopify.com" value={props.shop ?? ''} size={36} />
        </label>
        <label>
          Your email
          <br />
          <input name="email" type="email" required size={36} autocomplete="email" />
        </label>
        <p>
          <button type="submit">Email me a sign-in link</button>
        </p>
        <p class="muted">The link works once, for 15 minutes, in this browser.</p>
      </form>
    </AdminShell>
  );
}
