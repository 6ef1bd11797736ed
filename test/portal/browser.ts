/** A tiny no-JavaScript browser for the HTML flow: a cookie jar (with paths), forms, redirects not followed. */
import { call } from './helpers';

export class Browser {
  cookies = new Map<string, string>();
  /** The `Path` a cookie was set with; a cookie set by hand has none and goes everywhere. */
  private paths = new Map<string, string>();
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
      const path = /;\s*path=([^;]+)/i.exec(line)?.[1]?.trim();
      if (/max-age=0/i.test(line) || value === '') {
        this.cookies.delete(name);
        this.paths.delete(name);
      } else {
        this.cookies.set(name, value);
        if (path) this.paths.set(name, path);
        else this.paths.delete(name);
      }
    }
  }

  /** RFC 6265 path-match: the cookie's path is the request path or a `/`-bounded prefix of it. */
  private sends(name: string, requestPath: string): boolean {
    const path = this.paths.get(name);
    if (!path || path === '/' || requestPath === path) return true;
    return requestPath.startsWith(path.endsWith('/') ? path : `${path}/`);
  }

  private headers(requestPath: string): Record<string, string> {
    const h: Record<string, string> = {};
    const path = requestPath.split('?')[0]!;
    const jar = [...this.cookies].filter(([k]) => this.sends(k, path));
    if (jar.length) h.cookie = jar.map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.lang) h['accept-language'] = this.lang;
    return h;
  }

  async get(path: string): Promise<Response> {
    const res = await call(path, { headers: this.headers(path), ip: this.ip });
    this.store(res);
    return res;
  }

  async post(path: string, body: URLSearchParams | FormData): Promise<Response> {
    const res = await call(path, { method: 'POST', headers: this.headers(path), body, ip: this.ip });
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
