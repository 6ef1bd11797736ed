/**
 * Article Markdown → HTML a shopper's browser can be trusted with. Two locks: markdown-it never passes
 * raw HTML through (`html: false`) and already refuses `javascript:` links; the `xss` filter then keeps
 * only the tags and attributes listed here, whatever markdown-it (or a future plugin) produced.
 * @see https://github.com/markdown-it/markdown-it/blob/master/docs/security.md
 * @see https://github.com/leizongmin/js-xss#custom-filter-rules
 */
import MarkdownIt from 'markdown-it';
import type { IWhiteList } from 'xss';
import xssModule from 'xss';

// xss is CommonJS (module.exports is filterXSS with the rest as its properties). Vite inside workerd
// does not hand its properties out as named imports (the dependency is not pre-bundled there), so
// they are read off the default export, which wrangler's esbuild, Node and Vite all agree on.
const { FilterXSS, escapeAttrValue, friendlyAttrValue } = xssModule as unknown as typeof import('xss');

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** What links to another site carries: no `window.opener`, no ranking credit for what a merchant links. */
export const EXTERNAL_LINK_REL = 'noopener nofollow';

const defaultLinkOpen =
  markdown.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
markdown.renderer.rules.link_open = (tokens, i, options, env, self) => {
  const token = tokens[i]!;
  if (isExternal(String(token.attrGet('href') ?? ''))) token.attrSet('rel', EXTERNAL_LINK_REL);
  return defaultLinkOpen(tokens, i, options, env, self);
};

const bareTags = 'h1 h2 h3 h4 h5 h6 p br hr strong em s del code pre blockquote ul li table thead tbody tr'.split(' ');
const allowList: IWhiteList = {
  ...Object.fromEntries(bareTags.map((tag) => [tag, []])),
  ol: ['start'],
  a: ['href', 'title', 'rel'],
  img: ['src', 'alt', 'title'],
  th: ['style'],
  td: ['style'],
};

/** Lower-cased, entities decoded, invisible characters removed: what a browser would act on. */
function canonicalUrl(value: string): string {
  return friendlyAttrValue(value)
    .replace(/[\s\p{Cc}]+/gu, '')
    .toLowerCase();
}

function isExternal(url: string): boolean {
  return /^(https?:)?\/\//.test(canonicalUrl(url));
}

/** http(s), mailto, or a relative URL: nothing before the first `/`, `?` or `#` may hold a colon. */
export function isSafeLinkUrl(value: string): boolean {
  const url = canonicalUrl(value);
  if (/^(https?:\/\/|mailto:)/.test(url)) return true;
  return !/^[^/?#]*:/.test(url);
}

export function isSafeImageUrl(value: string): boolean {
  return /^https?:\/\//.test(canonicalUrl(value));
}

function safeAttribute(tag: string, name: string, value: string): string | undefined {
  if (name === 'href') return isSafeLinkUrl(value) ? value : undefined;
  if (name === 'src') return isSafeImageUrl(value) ? value : undefined;
  if (name === 'rel') return value === EXTERNAL_LINK_REL ? value : undefined;
  if (name === 'style') return /^text-align:(left|right|center)$/.test(value) ? value : undefined;
  if (name === 'start') return /^\d{1,6}$/.test(value) ? value : undefined;
  return allowList[tag]?.includes(name) ? value : undefined;
}

const filter = new FilterXSS({
  whiteList: allowList,
  stripIgnoreTag: true,
  stripIgnoreTagBody: ['script', 'style', 'iframe', 'object', 'embed'],
  allowCommentTag: false,
  css: false,
  onTagAttr(tag, name, value) {
    const safe = safeAttribute(tag, name, value);
    // An empty string tells xss the attribute is gone; undefined would fall back to its own defaults.
    return safe === undefined ? '' : `${name}="${escapeAttrValue(safe)}"`;
  },
});

/** Keeps only the allow-listed tags and attributes of `html`; the last lock before a browser. */
export function sanitizeHtml(html: string): string {
  return filter.process(html);
}

/** An article's Markdown as sanitized HTML for the help center and the admin preview. */
export function renderArticle(source: string): string {
  return sanitizeHtml(markdown.render(source));
}

/** An article's Markdown as plain text (words only, no markup or link targets): what search indexes. */
export function articlePlainText(source: string): string {
  const words: string[] = [];
  for (const block of markdown.parse(source, {})) {
    for (const token of block.children ?? []) {
      if (token.type === 'text' || token.type === 'code_inline') words.push(token.content);
      if (token.type === 'softbreak' || token.type === 'hardbreak') words.push(' ');
    }
    if (block.type === 'code_block' || block.type === 'fence') words.push(block.content);
    if (block.type.endsWith('_close') && block.block) words.push('\n');
  }
  return words
    .join('')
    .replace(/[ \t]*\n[\s]*/g, '\n')
    .trim();
}
