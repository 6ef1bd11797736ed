// storage: own (looks up the demo shop's fixed orders: the lookup rate limiter is per workerd, not per file)
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyCaseAction } from '../../src/commands/apply-case-action';
import { handleEmail } from '../../src/conversations/email-handler';
import { createServices } from '../../src/services';
import { Browser, hidden, location } from '../portal/browser';
import { bearer, call, demoShop, freshIp, SHOP, tokenFor } from '../portal/helpers';
import { emailMessage, fixtures, withHeader, demoShopWithoutWismo } from './mail-helpers';

beforeAll(async () => {
  await demoShop();
  await demoShopWithoutWismo(env.DB);
});
const START = `/portal/${SHOP}`;
const s = () => createServices(env);

/** A question about #1005 by email (the demo shopper's order), answered once by an agent, with a note. */
async function answeredCase(tag: string): Promise<string> {
  const raw = withHeader(fixtures['plain-text'], 'Message-ID', `<${tag}@mail.example.com>`);
  const outcome = await handleEmail(emailMessage(raw), env, {} as ExecutionContext, s());
  if (outcome?.status !== 'stored') throw new Error('not stored');
  const act = (action: Parameters<typeof applyCaseAction>[1]['action']) =>
    applyCaseAction(s(), { shopId: 'shop_demo', caseId: outcome.caseId, actor: 'agent:test', action });
  await act({ action: 'reply', body: 'It is on its way: tracking 1Z999.' });
  await act({ action: 'note', text: 'INTERNAL: carrier is slow this week' });
  return outcome.caseId;
}

interface ShopperCase {
  messages: Array<{ direction: string; text: string }>;
}

describe("the shopper's side of the conversation", () => {
  it('GET returns/:id shows the public messages only; POST returns/:id/messages adds one', async () => {
    const caseId = await answeredCase('portal.api');
    const { token } = await tokenFor('#1005');
    const read = await call(`/api/portal/${SHOP}/returns/${caseId}`, { headers: bearer(token) });
    expect(read.status).toBe(200);
    const before = await read.json<ShopperCase>();
    expect(before.messages.map((m) => m.direction)).toEqual(['in', 'out']);
    expect(JSON.stringify(before)).not.toContain('INTERNAL');

    const posted = await call(`/api/portal/${SHOP}/returns/${caseId}/messages`, {
      method: 'POST',
      headers: bearer(token, { 'content-type': 'application/json' }),
      body: JSON.stringify({ body: 'Thanks! It arrived.' }),
    });
    expect(posted.status).toBe(201);
    const after = await posted.json<ShopperCase>();
    expect(after.messages.at(-1)).toMatchObject({ direction: 'in', text: 'Thanks! It arrived.' });
  });

  it("another order's token cannot read or write on the case", async () => {
    const caseId = await answeredCase('portal.other');
    const { token } = await tokenFor('#1001');
    expect((await call(`/api/portal/${SHOP}/returns/${caseId}`, { headers: bearer(token) })).status).toBe(404);
    const posted = await call(`/api/portal/${SHOP}/returns/${caseId}/messages`, {
      method: 'POST',
      headers: bearer(token, { 'content-type': 'application/json' }),
      body: JSON.stringify({ body: 'hello' }),
    });
    expect(posted.status).toBe(404);
    const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM messages WHERE case_id = ? AND channel = 'portal'")
      .bind(caseId)
      .first<{ n: number }>();
    expect(count!.n).toBe(0);
  });

  it('the status page shows the thread and its reply box works without JavaScript; the agent sees the reply', async () => {
    const caseId = await answeredCase('portal.page');
    const b = new Browser(freshIp());
    const start = await (await b.get(START)).text();
    const lookedUp = await b.post(
      `${START}/lookup`,
      new URLSearchParams({ _csrf: hidden(start, '_csrf'), order: '#1005', email: 'shopper@example.com' }),
    );
    expect(lookedUp.status).toBe(303);
    const page = await (await b.get(`${START}/returns/${caseId}`)).text();
    expect(page).toContain('It is on its way: tracking 1Z999.');
    expect(page).not.toContain('INTERNAL');
    expect(page).toContain(`action="${START}/returns/${caseId}/messages"`);

    const sent = await b.post(
      `${START}/returns/${caseId}/messages`,
      new URLSearchParams({ _csrf: hidden(page, '_csrf'), body: '包裹已收到，谢谢！' }),
    );
    expect(sent.status).toBe(303);
    expect(location(sent)).toBe(`${START}/returns/${caseId}?sent=1`);
    expect(await (await b.get(location(sent))).text()).toContain('包裹已收到，谢谢！');

    const detail = await exports.default.fetch(`https://aftercare.test/api/admin/cases/${caseId}`, {
      headers: { authorization: 'Bearer test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm', 'x-shop-domain': SHOP },
    });
    const messages = (await detail.json<ShopperCase>()).messages;
    expect(messages.at(-1)).toMatchObject({ direction: 'in', text: '包裹已收到，谢谢！' });
  });

  it('the reply box refuses a post without the CSRF token and writes nothing', async () => {
    const caseId = await answeredCase('portal.csrf');
    const b = new Browser(freshIp());
    const start = await (await b.get(START)).text();
    await b.post(
      `${START}/lookup`,
      new URLSearchParams({ _csrf: hidden(start, '_csrf'), order: '#1005', email: 'shopper@example.com' }),
    );
    const res = await b.post(`${START}/returns/${caseId}/messages`, new URLSearchParams({ body: 'forged' }));
    expect(res.status).toBe(403);
    const n = await env.DB.prepare("SELECT COUNT(*) AS n FROM messages WHERE case_id = ? AND channel = 'portal'")
      .bind(caseId)
      .first<{ n: number }>();
    expect(n!.n).toBe(0);
  });
});
