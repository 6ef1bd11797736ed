/**
 * Every converted admin screen speaks the member's language: fetched with a German and a Chinese
 * browser, its headings and buttons are in that language and the English ones are gone; a member's
 * own setting wins over the browser; CSV headers follow the member (or `?lang=`); errors are pages.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { createServices } from '../../src/services';
import { createShop } from '../helpers/factory';
import { memberWithToken } from '../helpers/team';
import { adminSession } from './admin-session';

const app = createApp({ services: (e) => createServices(e) });
let shop: Awaited<ReturnType<typeof createShop>>;
let manager: Awaited<ReturnType<typeof memberWithToken>>;
let agent: Awaited<ReturnType<typeof memberWithToken>>;

beforeAll(async () => {
  shop = await createShop(env.DB, { domain: 'screens-language.myshopify.com', timezone: 'Asia/Shanghai' });
  manager = await memberWithToken(shop.id, 'manager', { name: 'Mia Manager' });
  agent = await memberWithToken(shop.id, 'agent', { name: 'Ali Agent' });
});

async function get(path: string, lang: string, user = manager.member.id, accept = 'text/html') {
  const session = await adminSession(shop.domain, Date.now(), user);
  const req = session.get(path);
  req.headers.set('accept-language', lang);
  req.headers.set('accept', accept);
  return app.request(req, undefined, env);
}

/** Path → [German, Chinese, English leftovers that must be gone in both]. */
const screens: Record<string, [string[], string[], string[]]> = {
  '/admin': [
    ['Fall-Warteschlange', 'Filtern', 'Auswahl genehmigen', 'Nicht zugewiesen'],
    ['工单队列', '筛选', '批准所选', '未分配'],
    ['Case queue', '>Filter<', 'Approve selected', 'No cases match'],
  ],
  '/admin/dashboard': [
    ['Retourenquote', 'Einhaltung der Servicezeiten', 'Anzeigen', 'Häufigste Ursachen'],
    ['退货率', '时效达成率', '查看', '主要退货原因'],
    ['Return rate', 'SLA compliance', '>Show<', 'Top root causes', 'No data in this range'],
  ],
  '/admin/sla': [
    ['Servicezeiten speichern', 'Eskalation', 'Montag', 'Signaturschlüssel erneuern'],
    ['保存时效设置', '升级规则', '星期一', '轮换签名密钥'],
    ['Save SLA settings', 'Escalation', 'Monday', 'Rotate signing secret'],
  ],
  '/admin/operations': [
    ['Webhook-Ereignisse', 'Postausgang (neueste zuerst)', 'Anzeigen'],
    ['Webhook 事件', '发件箱（最新在前）', '查看'],
    ['Webhook events', 'Outbox (newest first)', 'Nothing sent yet'],
  ],
  '/admin/templates': [
    ['Benachrichtigungsvorlagen', 'Bearbeiten', 'Standard'],
    ['通知模板', '编辑', '默认'],
    ['Notification templates', '>Edit<', '>default<'],
  ],
  '/admin/templates/return_approved/de': [
    ['Vorschau mit Beispieldaten', 'Speichern', 'Verfügbare Variablen'],
    ['示例数据预览', '保存', '可用变量'],
    ['Preview with sample data', 'Variables available', '>Save<'],
  ],
  '/admin/team': [
    ['Mitglied einladen', 'Meine Einstellungen', 'Sprache der Verwaltung', 'Wie im Browser'],
    ['邀请成员', '我的设置', '后台语言', '跟随浏览器'],
    ['Invite a member', 'My settings', 'Load / capacity', 'Browser default'],
  ],
  '/api/docs': [
    ['API-Referenz', 'Antworten'],
    ['API 参考', '响应'],
    ['API reference', '>Responses<'],
  ],
};

describe('each converted screen in German and Chinese', () => {
  for (const [path, [de, zh, english]] of Object.entries(screens)) {
    it(`${path}`, async () => {
      for (const [lang, expected] of [
        ['de-DE,de;q=0.9', de],
        ['zh-CN,zh;q=0.9', zh],
      ] as const) {
        const res = await get(path, lang);
        expect(res.status, `${path} ${lang}`).toBe(200);
        const html = await res.text();
        for (const text of expected) expect(html, `${path} ${lang}`).toContain(text);
        for (const text of english) expect(html, `${path} ${lang}`).not.toContain(text);
      }
    });
  }

  it('the sign-in page follows the browser before anyone is signed in', async () => {
    const de = await (await app.request('/admin/login', { headers: { 'accept-language': 'de' } }, env)).text();
    expect(de).toContain('Anmeldelink per E-Mail senden');
    expect(de).not.toContain('Email me a sign-in link');
    const zh = await (await app.request('/admin/login', { headers: { 'accept-language': 'zh-CN' } }, env)).text();
    expect(zh).toContain('给我发送登录链接');
  });
});

describe("the member's language setting", () => {
  it('is saved from "My settings" and then wins over the browser; "browser default" clears it', async () => {
    const session = await adminSession(shop.domain, Date.now(), agent.member.id);
    const save = await app.request(session.post('/admin/me/settings', { uiLocale: 'zh-CN' }), undefined, env);
    expect(save.status).toBe(303);
    expect(decodeURIComponent(save.headers.get('location')!)).toContain('你的设置已保存');
    const row = await env.DB.prepare('SELECT ui_locale FROM members WHERE id = ?').bind(agent.member.id).first();
    expect(row?.ui_locale).toBe('zh-CN');
    const html = await (await get('/admin', 'de-DE', agent.member.id)).text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('工单队列');

    await app.request(session.post('/admin/me/settings', { uiLocale: '' }), undefined, env);
    const back = await env.DB.prepare('SELECT ui_locale FROM members WHERE id = ?').bind(agent.member.id).first();
    expect(back?.ui_locale).toBeNull();
    expect(await (await get('/admin', 'de-DE', agent.member.id)).text()).toContain('<html lang="de">');
  });

  it('a manager sets it for a member on the team page; a language we do not ship is refused', async () => {
    const session = await adminSession(shop.domain, Date.now(), manager.member.id);
    const fields = { role: 'agent', capacity: '10', status: 'available', languages: '', skills: '', active: 'true' };
    const ok = await app.request(
      session.post(`/admin/team/${agent.member.id}`, { ...fields, uiLocale: 'de' }),
      undefined,
      env,
    );
    expect(ok.status).toBe(303);
    const row = await env.DB.prepare('SELECT ui_locale FROM members WHERE id = ?').bind(agent.member.id).first();
    expect(row?.ui_locale).toBe('de');
    const page = await (await get('/admin/team', 'en', manager.member.id)).text();
    expect(page).toMatch(new RegExp(`data-member="${agent.member.id}"[\\s\\S]*?data-ui-locale="de"`));
    const bad = await app.request(
      session.post(`/admin/team/${agent.member.id}`, { ...fields, uiLocale: 'fr' }),
      undefined,
      env,
    );
    // Refused, naming the field by its label (form-issues.ts), not by its form name.
    expect(decodeURIComponent(bad.headers.get('location')!)).toContain(
      'error=Admin language: choose one of the offered options.',
    );
    const still = await env.DB.prepare('SELECT ui_locale FROM members WHERE id = ?').bind(agent.member.id).first();
    expect(still?.ui_locale).toBe('de');
  });

  it('the operator has no member settings to save', async () => {
    const session = await adminSession(shop.domain, Date.now(), 'operator');
    const res = await app.request(session.post('/admin/me/settings', { uiLocale: 'de' }), undefined, env);
    expect(res.status).toBe(403);
  });
});

describe('CSV headers', () => {
  it("are in the member's language with a fixed column order; ?lang=keys gives the machine keys", async () => {
    const bytes = new Uint8Array(
      await (await get('/admin/export/cases.csv', 'de-DE', manager.member.id, '*/*')).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)], 'a UTF-8 byte-order mark first').toEqual([0xef, 0xbb, 0xbf]);
    const de = new TextDecoder().decode(bytes); // drops the mark
    expect(de.split('\r\n')[0]).toBe(
      'Nummer,ID,Art,Status,Priorität,Stufe,Bestellung,Lösung,Währung,Erstattung (kleinste Einheit),Guthaben (kleinste Einheit),Gebühren (kleinste Einheit),Servicezeit überschritten,Überschreitungen,Schlagwörter,Erstellt (UTC),Erste Antwort (UTC),Erledigt (UTC),Geschlossen (UTC)',
    );
    const keys = await (await get('/admin/export/cases.csv?lang=keys', 'de-DE', manager.member.id, 'text/csv')).text();
    expect(keys).toMatch(/^number,id,type,status,priority,tier,order,/);
    const dash = await (await get('/admin/export/dashboard.csv?lang=zh-CN', 'de', manager.member.id, '*/*')).text();
    expect(dash.split('\r\n')[0]).toBe('分类,指标,数值');
  });
});

describe('errors on admin screens', () => {
  it('are a page in the member’s language for a browser, problem+json for programs', async () => {
    const page = await get('/admin/templates/no_such_kind/en', 'de-DE');
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('<h1>Nicht gefunden</h1>');
    expect(html).toContain('Keine Vorlage no_such_kind.');
    expect(html).toContain('Zurück zur Warteschlange');
    const api = await get('/admin/templates/no_such_kind/en', 'de-DE', manager.member.id, 'application/json');
    expect(api.headers.get('content-type')).toMatch(/problem\+json/);
    const unknown = await get('/admin/nowhere-at-all', 'zh-CN');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('/admin/nowhere-at-all 没有对应的页面。');
  });
});
