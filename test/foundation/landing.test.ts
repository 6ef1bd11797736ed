/** `GET /` is a small page in the visitor's language with the ways in, not a JSON 404. */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';

const app = createApp();
const home = (headers: Record<string, string> = {}, query = '') => app.request(`/${query}`, { headers }, env);

describe('GET /', () => {
  it.each([
    ['en-US', 'en', 'returns, exchanges and support', 'API reference'],
    ['zh-CN,zh;q=0.9', 'zh-CN', '退货、换货与客服', 'API 参考'],
    ['de-DE,de;q=0.9', 'de', 'Retouren, Umtausch und Kundenservice', 'API-Referenz'],
  ])('%s: a 200 HTML page in %s linking the admin, the API reference and health', async (accept, lang, title, docs) => {
    const res = await home({ 'accept-language': accept });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-language')).toBe(lang);
    const html = await res.text();
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(title);
    expect(html).toContain(`<a href="/api/docs">${docs}</a>`);
    expect(html).toContain('href="/admin"');
    expect(html).toContain('href="/healthz"');
    expect(html).not.toContain('<script');
  });

  it('?lang= chooses the language over the browser', async () => {
    const html = await (await home({ 'accept-language': 'en' }, '?lang=de')).text();
    expect(html).toContain('<html lang="de">');
  });
});
