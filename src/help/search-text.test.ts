import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForSearch, indexText, MAX_QUERY_TERMS, queryTerms, toMatchQuery, toAnyWordQuery } from './search-text';

describe('indexText', () => {
  it('puts every CJK character between spaces so unicode61 reads each as a token', () => {
    expect(indexText('退货政策：7天无理由退货')).toBe('退 货 政 策 :7 天 无 理 由 退 货');
    expect(indexText('iPhone退货')).toBe('iPhone 退 货');
    expect(indexText('返品について')).toBe('返 品 に つ い て');
    expect(indexText('반품 안내')).toBe('반 품 안 내');
  });

  it('leaves Latin words whole (unicode61 folds case and diacritics) and writes ß as ss', () => {
    expect(indexText('Rückgabe  und\nUmtausch')).toBe('Rückgabe und Umtausch');
    expect(indexText('Straße')).toBe('Strasse');
  });

  it('unifies full-width and compatibility forms', () => {
    expect(indexText('ＡＢＣ１２３')).toBe('ABC123');
    expect(indexText('ｶﾞ')).toBe('ガ');
  });
});

describe('foldForSearch', () => {
  it('folds case, diacritics and ß outside CJK and keeps CJK marks', () => {
    expect(foldForSearch('Rückgabe Straße ÉTÉ')).toBe('ruckgabe strasse ete');
    expect(foldForSearch('が')).toBe('が');
  });
});

describe('toMatchQuery', () => {
  it('makes every word a prefix term, ANDed', () => {
    expect(toMatchQuery('Refund timing')).toBe('"refund"* AND "timing"*');
  });

  it('makes a CJK run a phrase of its characters', () => {
    expect(toMatchQuery('退货')).toBe('"退 货"');
    expect(toMatchQuery('运费 退货政策')).toBe('"运 费" AND "退 货 政 策"');
    expect(toMatchQuery('iPhone退货')).toBe('"iphone"* AND "退 货"');
  });

  it('folds German the way the index does', () => {
    expect(toMatchQuery('Rückgabe')).toBe('"ruckgabe"*');
    expect(toMatchQuery('Straße')).toBe('"strasse"*');
  });

  it('is null when nothing searchable is left', () => {
    for (const empty of ['', '   ', '"', '*()-+:^', '。，！']) expect(toMatchQuery(empty), empty).toBeNull();
  });

  it('never lets query syntax through: operators, quotes, columns and stars become words or vanish', () => {
    expect(toMatchQuery('title: refund OR "x" NEAR(a b) -c ^d*')).toBe(
      '"title"* AND "refund"* AND "or"* AND "x"* AND "near"* AND "a"* AND "b"* AND "c"*',
    );
  });

  it('drops repeated terms and stops at the term limit', () => {
    expect(toMatchQuery('refund Refund REFUND')).toBe('"refund"*');
    expect(queryTerms('a b c d e f g h i j k l')).toHaveLength(MAX_QUERY_TERMS);
  });

  it('produces only quoted strings, stars and AND for any input (property)', () => {
    const shape = /^"[^"]+"\*?( AND "[^"]+"\*?)*$/u;
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (input) => {
        const query = toMatchQuery(input);
        if (query !== null) expect(query).toMatch(shape);
      }),
    );
  });
});

describe('toAnyWordQuery (a message, not a search box)', () => {
  it('keeps the words that say what it is about, as prefixes joined by OR', () => {
    expect(toAnyWordQuery('Hello, where is my order? It has not arrived yet.')).toBe(
      '"where"* OR "order"* OR "arrived"*',
    );
    expect(toAnyWordQuery('Hallo, wo ist meine Bestellung? Das Paket fehlt noch.')).toBe(
      '"bestellung"* OR "paket"* OR "fehlt"*',
    );
  });

  it('cuts Chinese runs into two-character pieces, quoting everything the shopper typed', () => {
    expect(toAnyWordQuery('我的订单没到')).toBe('"我 的" OR "的 订" OR "订 单" OR "单 没" OR "没 到"');
    expect(toAnyWordQuery('退')).toBe('"退"');
    expect(toAnyWordQuery('order" OR x')).toBe('"order"*');
  });

  it('is null for a message of filler only, and never longer than twelve terms', () => {
    expect(toAnyWordQuery('hi, is it ok?')).toBeNull();
    expect(toAnyWordQuery(Array.from({ length: 40 }, (_, i) => `word${i}`).join(' '))!.split(' OR ')).toHaveLength(12);
  });
});
