import { describe, expect, it } from 'vitest';
import { idString, parseLosslessJson, quoteUnsafeIntegers, shopifyGid } from './lossless-json';

describe('parseLosslessJson', () => {
  it('keeps integers beyond 2^53 exact as strings and leaves safe numbers and decimals alone', () => {
    const v = parseLosslessJson(
      '{"id": 820982911946154508, "n": 42, "price": 19.99, "neg": -9007199254740993, "s": "820982911946154508"}',
    ) as Record<string, unknown>;
    expect(v).toEqual({
      id: '820982911946154508',
      n: 42,
      price: 19.99,
      neg: '-9007199254740993',
      s: '820982911946154508',
    });
  });

  it('parses a body nested deeper than the reviver can recurse, still losslessly', () => {
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const v = parseLosslessJson(`{"id": 820982911946154508, "deep": ${deep}}`) as Record<string, unknown>;
    expect(v.id).toBe('820982911946154508');
  });

  it('rejects what is not JSON', () => {
    expect(() => parseLosslessJson('{"id": 1,}')).toThrow(SyntaxError);
  });
});

describe('quoteUnsafeIntegers (the fallback when the runtime gives no source text)', () => {
  it('quotes only unsafe integer literals outside strings', () => {
    expect(
      quoteUnsafeIntegers(
        '{"a": 820982911946154508, "b": "x 820982911946154508 \\" 9007199254740993", "c": 12, "d": 1.5e20}',
      ),
    ).toBe('{"a": "820982911946154508", "b": "x 820982911946154508 \\" 9007199254740993", "c": 12, "d": 1.5e20}');
  });
});

describe('ids', () => {
  it('turns safe numbers and strings into id strings and gids, and refuses the rest', () => {
    expect(idString(42)).toBe('42');
    expect(idString(2 ** 60)).toBeNull();
    expect(idString('')).toBeNull();
    expect(shopifyGid('Order', '820982911946154508')).toBe('gid://shopify/Order/820982911946154508');
    expect(shopifyGid('Order', 'gid://shopify/Order/1')).toBe('gid://shopify/Order/1');
  });
});
