/**
 * Readable text from an email's HTML, for HTML-only mail. A scanner rather than regexes over the
 * whole document: every step moves forward, so hostile input (thousands of unclosed `<script`)
 * stays linear. Scripts, styles and the head are dropped; blocks become line breaks; a
 * `<blockquote>` becomes `> ` lines so quoted history folds like plain-text replies.
 */
const DROPPED = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'svg', 'object']);
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'table',
  'tr',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'pre',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'address',
  'center',
  'form',
  'fieldset',
  'body',
  'html',
]);
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  yen: '¥',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  times: '×',
  shy: '',
  zwnj: '',
  zwj: '',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] !== '#') return NAMED[body.toLowerCase()] ?? whole;
    const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : '\uFFFD';
  });
}

/** `p` from `<p class=x>`, `/p` from `</p>`, `br` from `<br/>`. */
function tagName(inside: string): string {
  const m = /^\s*(\/?)\s*([a-z][a-z0-9]*)/i.exec(inside);
  return m ? `${m[1]}${m[2]!.toLowerCase()}` : '';
}

class TextWriter {
  private parts: string[] = [];
  private quoteDepth = 0;
  text(raw: string): void {
    const collapsed = decodeEntities(raw.replace(/\s+/g, ' '));
    if (collapsed) this.parts.push(collapsed);
  }
  newline(): void {
    this.parts.push(`\n${'> '.repeat(this.quoteDepth)}`);
  }
  quote(delta: 1 | -1): void {
    this.quoteDepth = Math.max(0, this.quoteDepth + delta);
    this.newline();
  }
  result(): string {
    return this.parts
      .join('')
      .split('\n')
      .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
}

function writeTag(tag: string, out: TextWriter): void {
  const name = tag.replace('/', '');
  if (name === 'blockquote') out.quote(tag[0] === '/' ? -1 : 1);
  else if (name === 'br' || BLOCKS.has(name)) out.newline();
  else if (name === 'li' && tag[0] !== '/') {
    out.newline();
    out.text('- ');
  } else if (name === 'td' || name === 'th') out.text(' ');
}

/** Index just past the closing tag of a dropped element, or the end when it never closes. */
function skipElement(html: string, name: string, from: number): number {
  const close = new RegExp(`</${name}\\s*>`, 'gi');
  close.lastIndex = from;
  return close.exec(html) ? close.lastIndex : html.length;
}

export function htmlToText(html: string): string {
  const out = new TextWriter();
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    out.text(html.slice(i, lt < 0 ? html.length : lt));
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const gt = html.indexOf('>', lt);
    if (gt < 0) break; // an unterminated tag: the rest is markup, not text
    const tag = tagName(html.slice(lt + 1, gt));
    i = DROPPED.has(tag) && !html.slice(lt, gt).endsWith('/') ? skipElement(html, tag, gt + 1) : gt + 1;
    writeTag(tag, out);
  }
  return out.result();
}
