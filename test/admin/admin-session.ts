import { csrfToken, newSession, operatorTokenTag, signSession } from '../../src/admin/auth/cookie-session';

const SECRET = 'test-app-secret-Kq7vN2xR9pL4mW8sT1yB6cF3hJ0dG5zA';
/** The test environment's ADMIN_TOKEN (operator sessions carry a tag of it). */
export const TEST_ADMIN_TOKEN = 'test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm';

/** A signed admin session cookie and its CSRF token, as the login page would issue them. */
/** `user`: `operator` (the default), or a member id to act as that member; `gen`: the holder's session generation. */
export async function adminSession(shop: string, now = Date.now(), user = 'operator', gen = 0) {
  const tag = user === 'operator' ? await operatorTokenTag(SECRET, TEST_ADMIN_TOKEN) : undefined;
  const session = newSession(shop, user, now, gen, tag);
  const cookie = `aftercare_admin=${await signSession(SECRET, session)}`;
  const csrf = await csrfToken(SECRET, session);
  return {
    cookie,
    csrf,
    get: (path: string) => new Request(`http://admin.test${path}`, { headers: { cookie } }),
    post: (path: string, fields: Record<string, string>, withCsrf = true) =>
      new Request(`http://admin.test${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(withCsrf ? { _csrf: csrf, ...fields } : fields).toString(),
      }),
  };
}

/** Every named field of the first form posting to `action` on the page, as a browser would submit it. */
export function formFields(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`action="${action}"`);
  const end = html.indexOf('</form>', start);
  const form = html.slice(start, end);
  const out: Record<string, string> = {};
  const unescapeValue = (v: string) =>
    v
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&');
  for (const m of form.matchAll(/<input([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name) continue;
    const type = /type="([^"]+)"/.exec(attrs)?.[1];
    if (type === 'checkbox') {
      if (/\schecked/.test(attrs)) out[name] = 'on';
      continue;
    }
    out[name] = unescapeValue(/value="([^"]*)"/.exec(attrs)?.[1] ?? '');
  }
  for (const m of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
    out[m[1]!] = unescapeValue(m[2]!);
  for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const sel = /<option value="([^"]*)" selected/.exec(m[2]!) ?? /<option value="([^"]*)"/.exec(m[2]!);
    out[m[1]!] = sel?.[1] ?? '';
  }
  return out;
}
