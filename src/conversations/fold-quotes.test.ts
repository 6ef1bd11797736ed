import { describe, expect, it } from 'vitest';
import { newTextOf } from './fold-quotes';
import { fixture } from './mail-fixtures.test-support';
import { parseInboundMail } from './parse-mail';

async function newTextOfFixture(name: string): Promise<string> {
  const result = await parseInboundMail(fixture(name));
  if (!result.ok) throw new Error(result.error.message);
  return newTextOf(result.mail.text).newText;
}

describe('newTextOf on real replies', () => {
  it('cuts Outlook history at -----Original Message-----', async () => {
    expect(await newTextOfFixture('outlook-reply.eml')).toBe(
      'Thanks, I have dropped the parcel off at the post office this morning.\n\nDave',
    );
  });

  it('cuts a Gmail reply at "On … wrote:" and its > lines', async () => {
    expect(await newTextOfFixture('gmail-reply.eml')).toBe('Yes, please refund it to my card.');
  });

  it('cuts a German reply at "Am … schrieb …:" and "Von meinem iPhone gesendet"', async () => {
    expect(await newTextOfFixture('german-reply.eml')).toBe(
      'Hallo,\n\ndie Lieferung ist leider immer noch nicht angekommen. Wo ist meine Bestellung?\n\nViele Grüße\nFrank',
    );
  });

  it('cuts a Chinese reply at "从我的iPhone发送" and "在 … 写道："', async () => {
    expect(await newTextOfFixture('chinese-reply.eml')).toBe('好的，我明天把包裹寄回去。退款大概什么时候到账？');
  });

  it('leaves a first message alone', async () => {
    const text = await newTextOfFixture('plain-text.eml');
    expect(newTextOf(text)).toEqual({ newText: text, folded: false });
  });
});

describe('newTextOf markers', () => {
  const cases: [string, string][] = [
    [
      'Outlook From/Sent block',
      'Fine.\r\n\r\nFrom: Shop <s@x>\r\nSent: Monday, 7 December 2026 10:00\r\nTo: me\r\n\r\nold',
    ],
    ['Outlook underscores', 'Fine.\n\n________________________________\nFrom: Shop <s@x>\nold'],
    ['bold Outlook web block', 'Fine.\n\n*From:* Shop <s@x>\n*Date:* 7 Dec 2026\nold'],
    ['German Outlook block', 'Fine.\n\nVon: Shop <s@x>\nGesendet: Montag, 7. Dezember 2026 10:00\nAn: ich\nold'],
    [
      'Gmail attribution wrapped over two lines',
      'Fine.\n\nOn Mon, 7 Dec 2026 at 10:00, Demo Shop <\nsupport@demo-shop.example> wrote:\n> old',
    ],
    ['Chinese 发件人', 'Fine.\n\n发件人：Demo Shop <s@x>\n发送时间：2026年12月7日\nold'],
    ['QQ mail original', 'Fine.\n\n------------------ 原始邮件 ------------------\n发件人: "Shop"\nold'],
    ['signature delimiter', 'Fine.\n\n-- \nAlice Example\nACME Ltd'],
    ['trimmed signature delimiter', 'Fine.\n--\nAlice'],
    ['Sent from my iPhone', 'Fine.\n\nSent from my iPhone'],
    ['发自我的iPhone', 'Fine.\n\n发自我的iPhone'],
    ['quoted lines only', 'Fine.\n> old\n>> older'],
  ];

  it.each(cases)('folds %s', (_name, text) => {
    expect(newTextOf(text)).toEqual({ newText: 'Fine.', folded: true });
  });

  it('keeps answers written between quoted lines', () => {
    expect(newTextOf('> Which size?\n43 please\n> Which colour?\nblue').newText).toBe('43 please\nblue');
  });

  it('shows a message whole when it is nothing but a forward', () => {
    const text = '-----Original Message-----\nFrom: a@x\nSent: today\n\nplease help';
    expect(newTextOf(text)).toEqual({ newText: text, folded: false });
  });

  it('does not cut ordinary sentences that start like markers', () => {
    const text = 'From: the warehouse, I guess.\nOn Monday I wrote to you already.\n--- see below ---';
    expect(newTextOf(text)).toEqual({ newText: text, folded: false });
  });
});
