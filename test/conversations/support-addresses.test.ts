/** The shop's support addresses: the admin API (with its 4xx answers), the screen, and verification by real mail. */
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyCaseAction } from '../../src/commands/apply-case-action';
import { createApp } from '../../src/app';
import { handleEmail } from '../../src/conversations/email-handler';
import { createServices } from '../../src/services';
import { adminSession } from '../admin/admin-session';
import { createShop } from '../helpers/factory';
import { demoShop } from '../portal/helpers';
import { emailMessage, fixtures, withHeader } from './mail-helpers';

const TOKEN = 'Bearer test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm';
let shop: Awaited<ReturnType<typeof createShop>>;

beforeAll(async () => {
  await demoShop(); // owns support@demo-shop.example
  shop = await createShop(env.DB, { domain: 'addresses-shop.myshopify.com' });
});

function api(method: string, path: string, body?: unknown, contentType = 'application/json') {
  return exports.default.fetch(`https://aftercare.test/api/admin${path}`, {
    method,
    headers: { authorization: TOKEN, 'x-shop-domain': shop.domain, 'content-type': contentType },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

interface Address {
  address: string;
  replyFrom: string;
  primary: boolean;
  verified: boolean;
  verifiedAt: number | null;
}
const list = async () => (await (await api('GET', '/support-addresses')).json<{ addresses: Address[] }>()).addresses;

describe('the support-address API', () => {
  it('refuses bad input with 4xx problem+json and stores nothing', async () => {
    const bad: Array<[unknown, number, string?]> = [
      [{ address: 'not-an-address' }, 400],
      [{ address: 'help@shop-a.example', extra: true }, 400],
      [{ address: 'help@shop-a.example', replyFrom: 'help@elsewhere.example' }, 400],
      [{ address: 'x'.repeat(300) + '@shop-a.example' }, 400],
      [{}, 400],
      ['{not json', 400],
      [{ address: 'help@shop-a.example' }, 415, 'text/plain'],
    ];
    for (const [body, status, type] of bad) {
      const res = await api('POST', '/support-addresses', body, type);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(await list()).toEqual([]);
    // Another shop's address is taken.
    const taken = await api('POST', '/support-addresses', { address: 'Support@Demo-Shop.example' });
    expect(taken.status).toBe(409);
    expect(await list()).toEqual([]);
  });

  it('adds, changes and removes addresses; the first is primary, one primary at a time', async () => {
    const first = await api('POST', '/support-addresses', { address: 'Help@Shop-A.example' });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({
      address: 'help@shop-a.example',
      replyFrom: 'help@shop-a.example',
      primary: true,
      verified: false,
    });
    expect((await api('POST', '/support-addresses', { address: 'help@shop-a.example' })).status).toBe(409);
    const second = await api('POST', '/support-addresses', {
      address: 'returns@shop-a.example',
      replyFrom: 'care@shop-a.example',
      primary: true,
    });
    expect(second.status).toBe(201);
    expect((await list()).map((a) => [a.address, a.primary])).toEqual([
      ['returns@shop-a.example', true],
      ['help@shop-a.example', false],
    ]);

    expect((await api('PATCH', '/support-addresses/not-an-address', { primary: true })).status).toBe(400);
    expect((await api('PATCH', '/support-addresses/nobody%40shop-a.example', { primary: true })).status).toBe(404);
    expect((await api('PATCH', '/support-addresses/help%40shop-a.example', { primary: false })).status).toBe(400);
    const patched = await api('PATCH', '/support-addresses/help%40shop-a.example', {
      replyFrom: 'team@shop-a.example',
    });
    expect(await patched.json()).toMatchObject({ replyFrom: 'team@shop-a.example', primary: false });
    const bad = await api('PATCH', '/support-addresses/help%40shop-a.example', { replyFrom: 'team@other.example' });
    expect(bad.status).toBe(400);

    expect((await api('DELETE', '/support-addresses/returns%40shop-a.example')).status).toBe(204);
    expect((await api('DELETE', '/support-addresses/returns%40shop-a.example')).status).toBe(404);
    // The one left becomes primary.
    expect((await list()).map((a) => [a.address, a.primary])).toEqual([['help@shop-a.example', true]]);
  });

  it('turns verified when mail arrives through the address, and replies leave from its reply-from address', async () => {
    let raw = withHeader(fixtures['plain-text'], 'Message-ID', '<verify.1@mail.example.com>');
    raw = withHeader(raw, 'To', 'help@shop-a.example');
    const s = createServices(env);
    const outcome = await handleEmail(emailMessage(raw, { to: 'help@shop-a.example' }), env, {} as ExecutionContext, s);
    expect(outcome?.status).toBe('stored');
    const [address] = await list();
    expect(address).toMatchObject({ address: 'help@shop-a.example', verified: true });
    expect(address!.verifiedAt).toBeGreaterThan(0);

    const caseId = (outcome as { caseId: string }).caseId;
    await applyCaseAction(s, { shopId: shop.id, caseId, actor: 'agent:test', action: { action: 'reply', body: 'Hi' } });
    const reply = await env.DB.prepare(`SELECT from_address FROM messages WHERE case_id = ? AND direction = 'out'`)
      .bind(caseId)
      .first<{ from_address: string }>();
    expect(reply!.from_address).toBe('team@shop-a.example');
  });
});

describe('the support-email screen', () => {
  const app = createApp({ services: (e) => createServices(e) });

  it('adds an address from the form and shows refusals in the member’s language', async () => {
    const session = await adminSession(shop.domain);
    const post = (fields: Record<string, string>, language: string) => {
      const req = session.post('/admin/settings/email', fields);
      req.headers.set('accept-language', language);
      return app.request(req, undefined, env);
    };
    const invalid = await post({ address: 'kaputt' }, 'de');
    expect(invalid.status).toBe(400);
    const html = await invalid.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Bitte eine E-Mail-Adresse wie support@example.com eingeben.');
    expect(html).toContain('value="kaputt"');

    const taken = await post({ address: 'support@demo-shop.example' }, 'zh-CN');
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain('support@demo-shop.example 已被某个店铺用于接收邮件。');

    const added = await post({ address: 'kontakt@shop-a.example', replyFrom: '' }, 'de');
    expect(added.status).toBe(303);
    const page = session.get(added.headers.get('location')!.replace(/^https?:\/\/[^/]+/, ''));
    page.headers.set('accept-language', 'de');
    const shown = await (await app.request(page, undefined, env)).text();
    expect(shown).toContain('kontakt@shop-a.example hinzugefügt.');
    expect(shown).toContain('Wartet auf die erste Nachricht');
    expect(shown).toContain('Bestätigt'); // help@… was verified by mail above
  });

  it('refuses a form without its CSRF token', async () => {
    const session = await adminSession(shop.domain);
    const res = await app.request(
      session.post('/admin/settings/email', { address: 'x@shop-a.example' }, false),
      undefined,
      env,
    );
    expect(res.status).toBe(403);
    expect((await list()).map((a) => a.address)).not.toContain('x@shop-a.example');
  });
});
