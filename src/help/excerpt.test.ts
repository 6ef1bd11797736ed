import { describe, expect, it } from 'vitest';
import { excerptFor } from './excerpt';

describe('excerptFor', () => {
  it('marks whole words that start with a query word, ignoring case', () => {
    expect(excerptFor('Refunds reach you in 5 days. We refund fast.', 'refund', 200)).toBe(
      '<mark>Refunds</mark> reach you in 5 days. We <mark>refund</mark> fast.',
    );
  });

  it('does not mark a word that only contains the query in its middle', () => {
    expect(excerptFor('Prefund and refund', 'refund', 200)).toBe('Prefund and <mark>refund</mark>');
  });

  it('marks a two-character Chinese word where it stands', () => {
    expect(excerptFor('如需退货，请在30天内申请。运费由我们承担。', '退货 运费', 200)).toBe(
      '如需<mark>退货</mark>，请在30天内申请。<mark>运费</mark>由我们承担。',
    );
  });

  it('marks German words typed with or without umlauts, in the original spelling', () => {
    expect(excerptFor('Die Rückgabe ist kostenlos.', 'ruckgabe', 200)).toBe('Die <mark>Rückgabe</mark> ist kostenlos.');
    expect(excerptFor('Die Rückgabe ist kostenlos.', 'RÜCK', 200)).toBe('Die <mark>Rückgabe</mark> ist kostenlos.');
    expect(excerptFor('Zur Straße', 'strasse', 200)).toBe('Zur <mark>Straße</mark>');
  });

  it('escapes everything that is not a mark', () => {
    expect(excerptFor('<b>refund</b> & "more"', 'refund', 200)).toBe(
      '&lt;b&gt;<mark>refund</mark>&lt;/b&gt; &amp; &quot;more&quot;',
    );
    expect(excerptFor('<script>x</script>', 'script', 200)).not.toContain('<script>');
  });

  it('cuts a long text around the first match on word boundaries, with ellipses', () => {
    const text = `${'Lorem ipsum dolor sit amet. '.repeat(10)}Your refund arrives within ten days. ${'Tail words here. '.repeat(10)}`;
    const excerpt = excerptFor(text, 'refund', 60);
    expect(excerpt.startsWith('…')).toBe(true);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerpt).toContain('<mark>refund</mark>');
    const visible = excerpt.replace(/<\/?mark>/g, '').replaceAll('…', '');
    expect(visible.length).toBeLessThanOrEqual(60);
    expect(visible).toMatch(/^\S+( \S+)* ?$/);
    expect(text).toContain(visible.trim());
  });

  it('shows the opening of the text when nothing matches', () => {
    expect(excerptFor('First words. Then more words follow here.', 'absent', 20)).toBe('First words. Then…');
  });

  it('collapses line breaks and keeps astral characters whole', () => {
    expect(excerptFor('a\n\nb 𠮷野家 c', '野家', 200)).toBe('a b 𠮷<mark>野家</mark> c');
  });
});
