import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/cases/policy-schema';
import { createArticle } from '../../src/help/article-store';
import { installStarterSet } from '../../src/help/starter-set';
import { signProxyQuery } from '../../src/portal/app-proxy';
import { createServices } from '../../src/services';
import { createShop } from '../helpers/factory';
import { Browser, hidden, location } from '../portal/browser';
import { call, freshIp } from '../portal/helpers';

const A = 'help-a.myshopify.com';
const B = 'help-b.myshopify.com';
const s = createServices(env);
const hostileBody = [
  'Safe words about hostile markup.',
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(2)">',
  '[click me](javascript:alert(3)) and [also](JAVASCRIPT&#58;alert(4))',
  '![pic](javascript:alert(5))',
].join('\n\n');

let shopA: string;
beforeAll(async () => {
  shopA = (await createShop(env.DB, { domain: A, policy: { ...defaultPolicy(), returnWindowDays: 45 } })).id;
  const shopB = (await createShop(env.DB, { domain: B })).id;
  await installStarterSet(s, shopA);
  const base = { category: 'returns', reasons: [] };
  await createArticle(
    s,
    shopA,
    {
      ...base,
      slug: 'hostile',
      locale: 'en',
      title: 'Hostile',
      body: hostileBody,
      status: 'published',
    },
    'operator',
  );
  await createArticle(
    s,
    shopA,
    {
      ...base,
      slug: 'secret-plan',
      locale: 'en',
      title: 'Draft refund plan',
      body: 'Unreleased refund zebra.',
      status: 'draft',
    },
    'operator',
  );
  await createArticle(
    s,
    shopB,
    {
      ...base,
      slug: 'b-only',
      locale: 'en',
      title: 'Refund zebra of shop B',
      body: 'Zebra refunds.',
      status: 'published',
    },
    'operator',
  );
  await createArticle(
    s,
    shopB,
    {
      ...base,
      slug: 'b-zh',
      locale: 'zh-CN',
      title: '退货须知',
      body: '退货运费自理。',
      status: 'published',
    },
    'operator',
  );
});

async function search(q: string, locale: string, shop = A) {
  const res = await call(`/api/portal/${shop}/help?q=${encodeURIComponent(q)}&locale=${encodeURIComponent(locale)}`);
  expect(res.status).toBe(200);
  return (await res.json<{ articles: Array<{ slug: string; title: string; excerpt: string; url: string }> }>())
    .articles;
}
const slugs = async (q: string, locale: string, shop = A) => (await search(q, locale, shop)).map((a) => a.slug);

describe('GET /api/portal/:shop/help', () => {
  it('finds English, Chinese (two-character words) and German words, best first, with the page URL', async () => {
    expect(await slugs('parcel', 'en')).toContain('send-parcel-back');
    expect((await slugs('refund', 'en'))[0]).toBe('refunds-timing');
    expect(await slugs('退货', 'zh-CN')).toContain('return-policy');
    expect(await slugs('运费', 'zh-CN')).not.toEqual([]);
    expect(await slugs('换货', 'zh-CN')).toContain('exchanges');
    expect(await slugs('Umtausch', 'de')).toContain('exchanges');
    expect(await slugs('rucksendung', 'de')).not.toEqual([]);
    const [hit] = await search('退货', 'zh-CN');
    expect(hit?.excerpt).toContain('<mark>退货</mark>');
    expect(hit?.url).toBe(`/portal/${A}/help/${hit?.slug}?lang=zh-CN`);
  });

  it('quotes the policy of today in excerpts (45 days, not the template)', async () => {
    const [hit] = await search('delivery', 'en');
    expect(hit?.excerpt).toContain('45 days');
    expect(hit?.excerpt).not.toContain('{{');
  });

  it("never shows a draft or another shop's article", async () => {
    expect(await slugs('zebra', 'en')).toEqual([]);
    expect(await slugs('Unreleased', 'en')).toEqual([]);
    expect(await slugs('zebra', 'en', B)).toEqual(['b-only']);
    expect(await slugs('须知', 'zh-CN')).toEqual([]);
  });

  it('answers an empty or syntax-only query with no articles, and an unknown shop with 404', async () => {
    expect(await search('', 'en')).toEqual([]);
    expect(await search('"*( NEAR', 'en')).toEqual([]);
    expect((await call('/api/portal/nope-shop.myshopify.com/help?q=x')).status).toBe(404);
  });

  it('limits searches per address with 429 and Retry-After', async () => {
    // The limiter counts in fixed 60 s windows, so a run that straddles a window's end starts again
    // from zero once: at most two windows' worth of searches (120) pass before the 429.
    const ip = freshIp();
    let refused: Response | null = null;
    let passed = 0;
    for (let i = 0; i < 125 && !refused; i++) {
      const res = await call(`/api/portal/${A}/help?q=x${i}`, { ip });
      if (res.status === 429) refused = res;
      else {
        expect(res.status).toBe(200);
        passed++;
      }
    }
    expect(passed).toBeGreaterThanOrEqual(60);
    expect(refused?.status).toBe(429);
    expect(refused?.headers.get('retry-after')).toBe('60');
  });
});

describe('the help-center pages', () => {
  it('search in Chinese, open the article, mark it helpful, with no JavaScript', async () => {
    const b = new Browser(freshIp(), 'zh-CN');
    const home = await b.get(`/portal/${A}/help?q=${encodeURIComponent('退货')}`);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('<html lang="zh-CN"');
    expect(html).toContain('<mark>退货</mark>');
    const link = /href="(\/portal\/[^"]+\/help\/return-policy\?v=[^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    expect(link).toBeDefined();
    const article = await (await b.get(link!)).text();
    expect(article).toContain('<h1>退货政策</h1>');
    expect(article).toContain('45');
    expect(article).toContain('这篇文章解答了您的问题吗？');
    const form = new URLSearchParams({ _csrf: hidden(article, '_csrf'), v: hidden(article, 'v'), answer: 'yes' });
    const sent = await b.post(`/portal/${A}/help/return-policy/feedback`, form);
    expect(sent.status).toBe(303);
    expect(location(sent)).toMatch(/\/help\/return-policy\?v=.+&thanks=1$/);
    expect(await (await b.get(location(sent))).text()).toContain('感谢您的反馈。');
    const events = await env.DB.prepare('SELECT kind FROM help_events WHERE shop_id = ? AND visit = ? ORDER BY kind')
      .bind(shopA, form.get('v'))
      .all<{ kind: string }>();
    expect(events.results.map((e) => e.kind)).toEqual(['helpful', 'viewed']);
  });

  it('shows topics in German and the article with the policy filled in', async () => {
    const b = new Browser(freshIp(), 'de');
    const home = await (await b.get(`/portal/${A}/help`)).text();
    expect(home).toContain('Hilfe-Center');
    expect(home).toContain('Unsere Rückgabebedingungen');
    const article = await (await b.get(`/portal/${A}/help/return-policy`)).text();
    expect(article).toContain('45 Tage');
  });

  it('refuses feedback without the CSRF token', async () => {
    const b = new Browser(freshIp());
    const res = await b.post(
      `/portal/${A}/help/return-policy/feedback`,
      new URLSearchParams({ v: 'abcdefghijklmnop', answer: 'yes' }),
    );
    expect(res.status).toBe(403);
  });

  it('neutralizes script, event handlers and javascript: links in an article', async () => {
    const html = await (await call(`/portal/${A}/help/hostile`)).text();
    const article = html.slice(html.indexOf('<article'), html.indexOf('</article>'));
    expect(article).toContain('Safe words about hostile markup.');
    expect(article).not.toMatch(/<script|<img[^>]*onerror|href="javascript:|src="javascript:/i);
    expect(article.toLowerCase()).not.toContain('href="javascript');
    expect(article).not.toMatch(/<a [^>]*href="[^"]*alert/);
  });

  it('never shows a draft or another shop’s article page', async () => {
    expect((await call(`/portal/${A}/help/secret-plan`)).status).toBe(404);
    expect((await call(`/portal/${A}/help/b-only`)).status).toBe(404);
  });

  it('works behind the app proxy too', async () => {
    const q = new URLSearchParams({
      shop: A,
      logged_in_customer_id: '',
      path_prefix: '/apps/returns',
      timestamp: String(Math.floor(Date.now() / 1000)),
    });
    q.set('signature', await signProxyQuery('dev-shopify-secret', q));
    const res = await call(`/apps/returns/help/exchanges?${q}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Exchanging an item');
    expect(html).toContain('action="/apps/returns/help/exchanges/feedback?lang=en"');
  });
});
