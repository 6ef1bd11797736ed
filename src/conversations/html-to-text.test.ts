import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from './html-to-text';

describe('htmlToText', () => {
  it('turns blocks and breaks into lines and collapses whitespace', () => {
    expect(htmlToText('<div>one\n   two</div><p>three<br>four</p>')).toBe('one two\n\nthree\nfour');
  });

  it('drops scripts, styles, the head and comments', () => {
    const html = '<head><title>t</title><style>a{}</style></head><script>x()</script><!-- c -->kept';
    expect(htmlToText(html)).toBe('kept');
  });

  it('writes list items as dashes and blockquotes as quoted lines', () => {
    expect(htmlToText('<ul><li>a</li><li>b</li></ul>')).toBe('- a\n- b');
    expect(htmlToText('reply<blockquote>old<br>older</blockquote>')).toBe('reply\n> old\n> older');
  });

  it('drops an unterminated tag and an unclosed script to the end', () => {
    expect(htmlToText('text <a href="x')).toBe('text');
    expect(htmlToText('before<script>never closed')).toBe('before');
  });

  it('stays fast on hostile input', () => {
    const started = performance.now();
    htmlToText('<script'.repeat(50_000));
    htmlToText('<'.repeat(100_000));
    htmlToText('<script>'.repeat(20_000));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('decodeEntities', () => {
  it('decodes named and numeric entities and refuses invalid code points', () => {
    expect(decodeEntities('&amp;&lt;&nbsp;&#8364;&#x4e2d;&unknown;&#xD800;')).toBe('&< €中&unknown;\uFFFD');
  });
});
