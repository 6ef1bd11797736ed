import { describe, expect, it } from 'vitest';
import { articlePlainText, isSafeImageUrl, isSafeLinkUrl, renderArticle, sanitizeHtml } from './markdown';

/** Whatever the input, no markup that runs script survives. */
function expectInert(html: string) {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<(iframe|object|embed|style|svg|form|input)/i);
  expect(html).not.toMatch(/<[a-z][^>]*\son\w+\s*=/i);
  expect(html).not.toMatch(/(href|src)\s*=\s*"[^"]*(javascript|vbscript|data):/i);
}

describe('renderArticle', () => {
  it('renders headings, lists, emphasis, code, quotes and tables', () => {
    const html = renderArticle(
      '# Returns\n\n- **one**\n- *two*\n\n> quoted `code`\n\n```\npre\n```\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n',
    );
    expect(html).toContain('<h1>Returns</h1>');
    expect(html).toContain('<li><strong>one</strong></li>');
    expect(html).toContain('<em>two</em>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<pre><code>pre');
    expect(html).toContain('<td style="text-align:right">2</td>');
  });

  it('shows a script tag as text instead of running it', () => {
    const html = renderArticle('Hello <script>alert(1)</script>');
    expectInert(html);
    expect(html).toContain('&lt;script&gt;');
  });

  it('never passes raw HTML through, event handlers included', () => {
    const html = renderArticle(
      '<img src=x onerror="alert(1)">\n\n<div onclick="x()">hi</div>\n\n<iframe src="//evil"></iframe>',
    );
    expectInert(html);
    expect(html).not.toMatch(/<img|<div/);
  });

  it('drops javascript:, vbscript: and data: links, however they are spelled', () => {
    const links = [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'JaVaScRiPt:alert(1)',
      'jav&#x09;ascript:alert(1)',
      'jav&#9;ascript:alert(1)',
      'java&#x0A;script:alert(1)',
      '&#106;avascript:alert(1)',
      'javascript&colon;alert(1)',
      ' javascript:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    ];
    for (const link of links) {
      const html = renderArticle(`[click](${link}) <${link}>`);
      expectInert(html);
      expect(html).not.toMatch(/href="[^"/]*:/);
    }
  });

  it('keeps only http(s) images', () => {
    expect(renderArticle('![box](https://cdn.example.com/box.png)')).toContain(
      '<img src="https://cdn.example.com/box.png" alt="box">',
    );
    for (const src of ['javascript:alert(1)', 'data:image/png;base64,AAAA', '/local.png']) {
      expect(renderArticle(`![x](${src})`)).not.toContain('src=');
    }
  });

  it('marks external links noopener nofollow and leaves own and mail links alone', () => {
    expect(renderArticle('[dhl](https://www.dhl.de/track?id=1&x=2 "Track")')).toBe(
      '<p><a href="https://www.dhl.de/track?id=1&amp;x=2" title="Track" rel="noopener nofollow">dhl</a></p>\n',
    );
    expect(renderArticle('see https://www.example.com')).toContain('rel="noopener nofollow"');
    expect(renderArticle('[help](/portal/shop/help/refunds)')).toBe(
      '<p><a href="/portal/shop/help/refunds">help</a></p>\n',
    );
    expect(renderArticle('[mail](mailto:help@shop.example)')).toBe(
      '<p><a href="mailto:help@shop.example">mail</a></p>\n',
    );
  });
});

describe('sanitizeHtml (the allow-list, whatever produced the HTML)', () => {
  it('strips script and style with their bodies, event handlers and unknown tags', () => {
    const html = sanitizeHtml(
      '<p onclick="x()">hi<script>alert(1)</script><style>p{}</style><svg onload=alert(1)></svg><b>bold</b></p>',
    );
    expect(html).toBe('<p>hibold</p>');
  });

  it('removes dangerous URLs and attributes it does not list', () => {
    const html = sanitizeHtml(
      '<a href="jav&#x09;ascript:alert(1)" target="_blank" rel="opener">a</a><img src="x" onerror="alert(1)" alt="i"><a href="JAVASCRIPT:x">b</a>',
    );
    expectInert(html);
    expect(html).toBe('<a>a</a><img alt="i"><a>b</a>');
  });
});

describe('link and image URLs', () => {
  it('accepts http, https, mailto and relative links only', () => {
    for (const ok of [
      'https://a.example',
      'http://a.example',
      'mailto:a@b.c',
      '/x',
      './x',
      '../x',
      'x/y',
      '#top',
      '?q=1',
    ])
      expect(isSafeLinkUrl(ok), ok).toBe(true);
    for (const bad of ['tel:123', 'ftp://x', 'file:///etc', 'jav&#x09;ascript:x', 'java\nscript:x', 'x:y/z'])
      expect(isSafeLinkUrl(bad), bad).toBe(false);
  });

  it('accepts images from http and https only', () => {
    expect(isSafeImageUrl('https://cdn.example/a.png')).toBe(true);
    expect(isSafeImageUrl('//cdn.example/a.png')).toBe(false);
    expect(isSafeImageUrl('data:image/png;base64,AA')).toBe(false);
  });
});

describe('articlePlainText', () => {
  it('keeps the words and drops markup and link targets', () => {
    expect(articlePlainText('# Title\n\nSee [our **policy**](https://x.example/p).\n\n- one\n- two')).toBe(
      'Title\nSee our policy.\none\ntwo',
    );
  });
});
