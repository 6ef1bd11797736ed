import { describe, expect, it } from 'vitest';
import { findOrderRefs } from './order-refs';

describe('findOrderRefs', () => {
  const found: [string, string[]][] = [
    ['Where is my order #1005?', ['1005']],
    ['order 1005 and order number: 1006', ['1005', '1006']],
    ['Order No. 1007', ['1007']],
    ['我的订单号 1005 还没到', ['1005']],
    ['订单号：1008', ['1008']],
    ['订单1009', ['1009']],
    ['Wo ist meine Bestellung 1011?', ['1011']],
    ['Bestellnummer: 1012', ['1012']],
    ['it is 1005, thanks', ['1005']],
    ['1005 great, thanks', ['1005']],
    ['#1005 and again #1005', ['1005']],
  ];
  it.each(found)('finds the order in %j', (text, refs) => {
    expect(findOrderRefs(text)).toEqual(refs);
  });

  const none: string[] = [
    'I paid $1299 for it',
    'it cost 1299 EUR',
    'it cost 1299€',
    'it cost 19.99',
    'ordered in December 2026',
    'call me on 030 123456 or +49 151 2345678',
    'my phone is 0151-12345678',
    'your case R-1012',
    'it weighs 1500 g',
    '2026年12月15日',
    'on 15.12.2026 at 16:00',
    'size 43, 2 pieces',
  ];
  it.each(none)('finds nothing in %j', (text) => {
    expect(findOrderRefs(text)).toEqual([]);
  });
});
