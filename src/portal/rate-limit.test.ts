import { describe, expect, it } from 'vitest';
import { addressKey, clientAddress } from './rate-limit';

describe('the address a lookup is counted under', () => {
  it('groups IPv6 by /64, whichever way the address is written', () => {
    expect(addressKey('2001:db8:aa:bb:1:2:3:4')).toBe('2001:db8:aa:bb::/64');
    expect(addressKey('2001:0db8:00aa:00bb::ffff')).toBe('2001:db8:aa:bb::/64');
    expect(addressKey('[2001:DB8:AA:BB::1]')).toBe('2001:db8:aa:bb::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
  });

  it('uses CF-Connecting-IP directly and ignores X-Forwarded-For there', () => {
    const h = new Headers({ 'cf-connecting-ip': '192.0.2.1', 'x-forwarded-for': '203.0.113.9' });
    expect(clientAddress(h)).toBe('192.0.2.1');
  });

  it("behind the app proxy takes the hop Shopify appended, never the shopper's own entries", () => {
    const h = (xff: string) => new Headers({ 'cf-connecting-ip': '35.0.0.1', 'x-forwarded-for': xff });
    expect(clientAddress(h('203.0.113.9, 35.0.0.1'), true)).toBe('203.0.113.9');
    expect(clientAddress(h('1.1.1.1, 203.0.113.9, 35.0.0.1'), true)).toBe('203.0.113.9');
    expect(clientAddress(h('203.0.113.9'), true)).toBe('203.0.113.9');
    expect(clientAddress(new Headers({ 'cf-connecting-ip': '35.0.0.1' }), true)).toBe('35.0.0.1');
  });
});
