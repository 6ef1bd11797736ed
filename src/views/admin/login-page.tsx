import { AdminShell } from './shell';

export function LoginPage(props: {
  csrf: string;
  next: string;
  error?: string | undefined;
  shop?: string | undefined;
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
    </AdminShell>
  );
}
