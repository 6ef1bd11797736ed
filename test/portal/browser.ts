/** A tiny no-JavaScript browser for the HTML flow: a cookie jar, forms, redirects not followed. */
import { call } from './helpers';

export class Browser {
  cookies = new Map<string, string>();
  constructor(
    readonly ip: string,
    readonly lang?: string,
  ) {}

  private store(res: Response): void {
    for (const line of (res.headers as unknown as { getSetCookie(): string[] }).getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { ...extra };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.lang) h['accept-language'] = this.lang;
    return h;
  }

  async get(path: string): Promise<Response> {
    const res = await call(path, { headers: this.headers(), ip: this.ip });
    this.store(res);
    return res;
  }

  async post(path: string, body: URLSearchParams | FormData): Promise<Response> {
    const res = await call(path, { method: 'POST', headers: this.headers(), body, ip: this.ip });
    this.store(res);
    return res;
  }
}

export function hidden(html: string, name: string): string {
  const m =
    new RegExp(`name="${name}" value="([^"]*)"`).exec(html) ?? new RegExp(`value="([^"]*)" name="${name}"`).exec(html);
  if (!m) throw new Error(`no hidden field ${name}`);
  return m[1]!.replaceAll('&amp;', '&');
}

/** The order line ids the choose form offers (`qty_<id>` selects). */
export function lineIds(html: string): string[] {
  return [...html.matchAll(/name="qty_([^"]+)"/g)].map((m) => m[1]!);
}

export function location(res: Response): string {
  const loc = res.headers.get('location');
  if (!loc) throw new Error(`expected a redirect, got ${res.status}`);
  return loc.replace(/^https?:\/\/[^/]+/, '');
}
