import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';

const app = createApp();

describe('a Worker with a weak secret refuses to serve', () => {
  it('answers every request 503 problem+json naming the setting, never its value', async () => {
    const weak = { ...env, APP_SECRET: 'dev-app-secret' };
    for (const path of ['/healthz', '/portal/demo-shop.myshopify.com', '/api/admin/cases']) {
      const res = await app.request(path, {}, weak);
      expect(res.status, path).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      expect(res.headers.get('retry-after')).toBe('60');
      const body = (await res.json()) as { code: string; detail: string };
      expect(body.code).toBe('misconfigured');
      expect(body.detail).toContain('APP_SECRET');
      expect(JSON.stringify(body)).not.toContain('dev-app-secret');
    }
  });

  it('serves with the configured secrets', async () => {
    expect((await app.request('/healthz', {}, env)).status).toBe(200);
  });
});
