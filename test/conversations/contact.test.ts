// storage: own (looks up the demo shop's fixed orders: the lookup rate limiter is per workerd, not per file)
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { NEW_CASES_PER_SENDER_PER_HOUR } from '../../src/conversations/sender';
import { Browser, hidden, location } from '../portal/browser';
import { bearer, call, demoShop, freshIp, SHOP, tokenFor } from '../portal/helpers';

beforeAll(demoShop);

const contact = (body: unknown, headers: Record<string, string> = {}) =>
  call(`/api/portal/${SHOP}/contact`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const count = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())!.n;

interface Opened {
  id: string;
  type: string;
  order: string;
  token?: string;
  messages: Array<{ direction: string; text: string }>;
}

describe('POST /api/portal/:shop/contact', () => {
  it('with a shopper token opens an inquiry on that order, with the message', async () => {
    const { token } = await tokenFor('#1003');
    const res = await contact({ body: 'Can I change the gift message?' }, bearer(token));
    expect(res.status).toBe(201);
    const opened = await res.json<Opened>();
    expect(opened).toMatchObject({ type: 'inquiry', order: '#1003' });
    expect(opened.messages).toEqual([
      expect.objectContaining({ direction: 'in', text: 'Can I change the gift message?' }),
    ]);
    expect(opened.token).toBeUndefined();
  });

  it('with the order number and email passes the lookup check and answers a token to follow the case', async () => {
    const res = await contact({ order: '1004', email: 'shopper@example.com', body: 'Wo ist meine Bestellung?' });
    expect(res.status).toBe(201);
    const opened = await res.json<Opened>();
    expect(opened.order).toBe('#1004');
    const follow = await call(`/api/portal/${SHOP}/returns/${opened.id}`, { headers: bearer(opened.token!) });
    expect(follow.status).toBe(200);
  });

  it('a wrong pair is 404 without a hint, a bad token 401, an empty body 400; none of them writes', async () => {
    const before = await count('SELECT COUNT(*) AS n FROM messages');
    const wrong = await contact({ order: '1004', email: 'someone@example.com', body: 'hi' });
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).toContain('No order matches that order number and email address.');
    expect((await contact({ body: 'hi' }, { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await contact({ order: '1004', email: 'shopper@example.com', body: '  ' })).status).toBe(400);
    expect((await contact({ body: 'who am I?' })).status).toBe(400);
    expect(await count('SELECT COUNT(*) AS n FROM messages')).toBe(before);
  });

  it('the "Contact us" form under the order works without JavaScript and lands on the inquiry\'s page', async () => {
    const start = `/portal/${SHOP}`;
    const b = new Browser(freshIp());
    const first = await (await b.get(start)).text();
    await b.post(
      `${start}/lookup`,
      new URLSearchParams({ _csrf: hidden(first, '_csrf'), order: '#1007', email: 'shopper@example.com' }),
    );
    const order = await (await b.get(`${start}/order`)).text();
    expect(order).toContain(`action="${start}/contact"`);
    const sent = await b.post(
      `${start}/contact`,
      new URLSearchParams({ _csrf: hidden(order, '_csrf'), body: 'Kann ich die Lieferadresse ändern?' }),
    );
    expect(sent.status).toBe(303);
    expect(location(sent)).toMatch(new RegExp(`^${start}/returns/case_[0-9A-Z]+\\?sent=1$`));
    expect(await (await b.get(location(sent))).text()).toContain('Kann ich die Lieferadresse ändern?');
  });

  it(`counts against the sender's ${NEW_CASES_PER_SENDER_PER_HOUR} new cases an hour (429 after)`, async () => {
    const { token } = await tokenFor('#1006');
    const statuses: number[] = [];
    for (let i = 0; i <= NEW_CASES_PER_SENDER_PER_HOUR; i++)
      statuses.push((await contact({ body: `question ${i}` }, bearer(token))).status);
    expect(statuses).toContain(429);
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM messages WHERE from_address = 'shopper@example.com' AND opened_case = 1 AND channel = 'portal'",
      ),
    ).toBe(NEW_CASES_PER_SENDER_PER_HOUR);
  });
});
