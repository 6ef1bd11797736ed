import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { scriptHash } from '../../src/http/security-headers';
import { adminKeysScript } from '../../src/views/inline-scripts';
import type { adminSession } from './admin-session';
import { returnCaseWithSession } from './return-case';

const app = createApp();

/** The case page's keyboard shortcuts: a hashed script for single keys, and a list that needs no script. */
describe('case page keyboard shortcuts', () => {
  let a: Awaited<ReturnType<typeof adminSession>>;
  let caseId: string;
  beforeAll(async () => {
    const { caseId: id, session } = await returnCaseWithSession();
    caseId = id;
    a = session;
  });

  const casePage = (lang: string) =>
    app.fetch(
      new Request(`http://admin.test/admin/cases/${caseId}`, {
        headers: { cookie: a.cookie, 'accept-language': lang },
      }),
      env,
    );
  const keyList = (html: string) => {
    const start = html.indexOf('<details class="shortcuts" id="keys-help">');
    const list = html.slice(start, html.indexOf('</details>', start));
    return [...list.matchAll(/<dt><kbd>([^<]+)<\/kbd><\/dt><dd>([^<]+)<\/dd>/g)].map((m) => `${m[1]} ${m[2]}`);
  };

  it.each([
    ['en', ['? Show this list', 'A Approve', 'J Reject', 'Q Ask the customer', 'R Write a reply']],
    ['de', ['? Diese Liste anzeigen', 'A Genehmigen', 'J Ablehnen', 'Q Kunden fragen', 'R Antwort schreiben']],
    ['zh-CN', ['? 显示此列表', 'A 批准', 'J 拒绝', 'Q 询问顾客', 'R 撰写回复']],
  ])('lists the shortcuts of the allowed actions in %s, and ships the script the CSP admits', async (lang, shown) => {
    const res = await casePage(lang);
    const html = await res.text();
    expect(keyList(html)).toEqual(expect.arrayContaining(shown));
    expect(keyList(html).some((k) => k.startsWith('M '))).toBe(false); // no Refund on a requested return
    expect(html).toContain(`<script>${adminKeysScript}</script>`);
    expect(res.headers.get('content-security-policy')).toContain(`'${await scriptHash(adminKeysScript)}'`);
    expect(html).toMatch(/<button type="submit" accesskey="a" data-key="a">/);
    expect(html).toMatch(/<textarea[^>]*data-key="r"/);
  });

  it.each([
    ['en', 'Use single-key shortcuts in this browser'],
    ['de', 'Einzeltasten-Kürzel in diesem Browser verwenden'],
    ['zh-CN', '在此浏览器中使用单键快捷键'],
  ])('offers single keys off by default, behind a switch hidden without JavaScript (%s)', async (lang, label) => {
    const html = await (await casePage(lang)).text();
    expect(html).toMatch(
      new RegExp(`<p class="keys-toggle" hidden=""><label><input type="checkbox" id="keys-on"/> ${label}`),
    );
    // The script acts on no key until the switch (kept in localStorage) is on.
    expect(adminKeysScript).toMatch(/var on=false;.*localStorage\.getItem\('aftercare\.keys'\)==='on'/);
    expect(adminKeysScript).toContain('if(!on||e.defaultPrevented');
  });

  it.each([
    ['en', ['? Show this list', 'J Next case in the list', 'K Previous case in the list', 'Enter Open the case']],
    ['de', ['? Diese Liste anzeigen', 'J Nächster Fall in der Liste', 'K Vorheriger Fall in der Liste']],
    ['zh-CN', ['? 显示此列表', 'J 列表中的下一个工单', 'K 列表中的上一个工单', 'Enter 打开工单']],
  ])('the queue lists j/k in %s and marks each case link for them', async (lang, shown) => {
    const res = await app.fetch(
      new Request('http://admin.test/admin', { headers: { cookie: a.cookie, 'accept-language': lang } }),
      env,
    );
    const html = await res.text();
    expect(keyList(html)).toEqual(shown.length === 4 ? shown : expect.arrayContaining(shown));
    expect(html).toContain(`<a href="/admin/cases/${caseId}" data-row-link="true">`);
    expect(res.headers.get('content-security-policy')).toContain(`'${await scriptHash(adminKeysScript)}'`);
  });
});
