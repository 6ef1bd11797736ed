import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { scriptHash } from '../../src/http/security-headers';
import { INLINE_SCRIPTS } from '../../src/views/inline-scripts';

const app = createApp();
const get = (url: string) => app.request(url, {}, env);
const directives = (res: Response) =>
  new Map(
    (res.headers.get('content-security-policy') ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map((d) => [d[0]!, d.slice(1)]),
  );

describe('security headers', () => {
  it('the shopper page: a CSP allowing only our hashed inline scripts, framed by nobody, no referrer, nosniff', async () => {
    const res = await get('http://aftercare.test/portal/demo-shop.myshopify.com');
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const csp = directives(res);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    const hashes = await Promise.all(INLINE_SCRIPTS.map(scriptHash));
    expect(csp.get('script-src')).toEqual(hashes.map((h) => `'${h}'`));
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('the admin screens may be framed by the Shopify admin only', async () => {
    const res = await get('https://aftercare.test/admin/login');
    expect(res.status).toBe(200);
    expect(directives(res).get('frame-ancestors')).toEqual(['https://admin.shopify.com', 'https://*.myshopify.com']);
    expect(res.headers.get('x-frame-options')).toBeNull();
  });

  it('HSTS on https requests, also on errors and JSON', async () => {
    for (const url of ['https://aftercare.test/portal/demo-shop.myshopify.com', 'https://aftercare.test/nowhere']) {
      const res = await get(url);
      expect(res.headers.get('strict-transport-security'), url).toBe('max-age=31536000');
      expect(res.headers.get('content-security-policy'), url).toContain("frame-ancestors 'none'");
    }
  });

  it('hashes as CSP expects: standard base64 of the SHA-256 digest', async () => {
    // sha256 of the empty string, as CSP writes it
    expect(await scriptHash('')).toBe('sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
  });
});
