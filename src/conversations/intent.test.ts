import { describe, expect, it } from 'vitest';
import { newTextOf } from './fold-quotes';
import { classifyIntent, type Intent, raisePriority } from './intent';
import { fixture } from './mail-fixtures.test-support';
import { findOrderRefs } from './order-refs';
import { parseInboundMail } from './parse-mail';

type Row = [subject: string, text: string, intent: Intent];

const english: Row[] = [
  ['Where is my order?', 'I ordered last week and nothing yet.', 'where_is_my_order'],
  ['Tracking', "My package hasn't arrived, the tracking has not moved.", 'where_is_my_order'],
  ['Return', 'The shoes are too small, I want to send them back.', 'return_or_exchange'],
  ['Broken mug', 'The mug arrived broken.', 'damaged_or_defective'],
  ['Help', 'The lamp stopped working after two days.', 'damaged_or_defective'],
  ['Cancel please', 'Please cancel my order, I ordered by mistake.', 'cancel'],
  ['Address', 'Can I change my shipping address? I moved.', 'change_address'],
  ['Refund?', "I returned the jacket two weeks ago and haven't received my refund yet.", 'refund_status'],
  ['Terrible service', 'This is unacceptable, I am very disappointed.', 'complaint'],
  ['Question', 'Do you sell gift cards?', 'other'],
];

const chinese: Row[] = [
  ['我的订单还没到', '请帮我查一下物流。', 'where_is_my_order'],
  ['咨询', '快递什么时候能到？', 'where_is_my_order'],
  ['退货', '衣服尺码不合适，我想退货。', 'return_or_exchange'],
  ['商品破损', '收到的杯子碎了，有质量问题。', 'damaged_or_defective'],
  ['取消订单', '我不想要了，请取消订单。', 'cancel'],
  ['地址', '我想修改收货地址。', 'change_address'],
  ['退款', '退款什么时候到账？', 'refund_status'],
  ['投诉', '服务太差了，我要投诉！', 'complaint'],
  ['你好', '你们有实体店吗？', 'other'],
];

const german: Row[] = [
  ['Bestellung', 'Wo ist meine Bestellung? Sie ist noch nicht angekommen.', 'where_is_my_order'],
  ['Rücksendung', 'Die Schuhe sind zu klein, ich möchte sie zurückschicken.', 'return_or_exchange'],
  ['Defekt', 'Die Lampe ist kaputt angekommen.', 'damaged_or_defective'],
  ['Storno', 'Bitte stornieren Sie meine Bestellung.', 'cancel'],
  ['Adresse', 'Ich möchte meine Adresse ändern lassen: neue Lieferadresse folgt.', 'change_address'],
  ['Geld', 'Wann bekomme ich mein Geld zurück? Die Rückerstattung fehlt noch.', 'refund_status'],
  ['Beschwerde', 'Das ist eine Frechheit, ich bin sehr enttäuscht.', 'complaint'],
  ['Frage', 'Haben Sie Gutscheine?', 'other'],
];

describe('classifyIntent', () => {
  it.each(english)('en: %s / %s → %s', (subject, text, intent) => {
    expect(classifyIntent(subject, text)).toMatchObject({ intent, language: 'en' });
  });
  it.each(chinese)('zh: %s / %s → %s', (subject, text, intent) => {
    expect(classifyIntent(subject, text)).toMatchObject({ intent, language: 'zh' });
  });
  it.each(german)('de: %s / %s → %s', (subject, text, intent) => {
    expect(classifyIntent(subject, text)).toMatchObject({ intent, language: 'de' });
  });

  it('maps intents to case types and priorities', () => {
    expect(classifyIntent('', 'The mug arrived broken.')).toMatchObject({ caseType: 'warranty', priority: 'high' });
    expect(classifyIntent('', 'I want to return it.')).toMatchObject({ caseType: 'return', priority: 'normal' });
    expect(classifyIntent('', 'Can I exchange it for a size 43?')).toMatchObject({ caseType: 'exchange' });
    expect(classifyIntent('', 'Where is my parcel?')).toMatchObject({ caseType: 'inquiry', priority: 'normal' });
    expect(classifyIntent('', 'I am furious.')).toMatchObject({ caseType: 'complaint', priority: 'high' });
  });

  it('makes a legal threat urgent and tags it', () => {
    const result = classifyIntent('Refund', 'Where is my refund? Otherwise I will file a chargeback.');
    expect(result).toMatchObject({ priority: 'urgent' });
    expect(result.tags).toContain('legal-threat');
    expect(classifyIntent('', '我要去12315投诉')).toMatchObject({ intent: 'complaint', priority: 'urgent' });
  });

  it('ignores reply prefixes in the subject', () => {
    expect(classifyIntent('Re: Your return R-1012', 'Thanks, where is my parcel?').intent).toBe('where_is_my_order');
    expect(classifyIntent('回复：您的退货申请', '退款什么时候到账？').intent).toBe('refund_status');
  });

  it('tags every intent it saw, the chosen one first', () => {
    expect(classifyIntent('', 'The lamp arrived broken, I want to return it.').tags).toEqual([
      'damaged_or_defective',
      'return_or_exchange',
    ]);
  });
});

describe('fixtures through fold and classify', () => {
  const expected: [string, Intent, string[]][] = [
    ['plain-text.eml', 'where_is_my_order', ['1005']],
    ['multipart-alternative.eml', 'return_or_exchange', ['1007']],
    ['chinese-gbk-subject.eml', 'where_is_my_order', ['1005']],
    ['iso-2022-jp-subject.eml', 'where_is_my_order', ['1008']],
    ['html-only.eml', 'damaged_or_defective', ['1009']],
    ['attachment-inline-image.eml', 'damaged_or_defective', ['1010']],
    ['german-reply.eml', 'where_is_my_order', ['1011']],
    ['chinese-reply.eml', 'refund_status', []],
    ['gmail-reply.eml', 'refund_status', []],
  ];
  it.each(expected)('%s → %s, orders %j', async (name, intent, orders) => {
    const result = await parseInboundMail(fixture(name));
    if (!result.ok) throw new Error(result.error.message);
    const { newText } = newTextOf(result.mail.text);
    expect(classifyIntent(result.mail.subject, newText).intent).toBe(intent);
    expect(findOrderRefs(`${result.mail.subject}\n${newText}`)).toEqual(orders);
  });
});

describe('raisePriority', () => {
  it('raises one step for a VIP and one for an angry customer, never past urgent', () => {
    expect(raisePriority('normal', {})).toBe('normal');
    expect(raisePriority('low', { vip: true })).toBe('normal');
    expect(raisePriority('normal', { angry: true })).toBe('high');
    expect(raisePriority('normal', { vip: true, angry: true })).toBe('urgent');
    expect(raisePriority('high', { vip: true, angry: true })).toBe('urgent');
  });
});
