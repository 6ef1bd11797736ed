/**
 * What the help-center search index holds and how a shopper's words become an FTS5 query.
 *
 * D1 is SQLite with FTS5. Its `trigram` tokenizer cannot find a Chinese word of two characters
 * (`退货`, `运费`: most Chinese words are), and `unicode61` reads an unbroken run of Han characters
 * as one token (`退货政策` would only match whole). So the indexed copy puts a space around every
 * CJK character: `unicode61` then sees each Han, Kana or Hangul character as a token, and a CJK
 * query becomes a phrase of its characters (`"退 货"`), which matches exactly where they stand side
 * by side. Latin text is left to `unicode61 remove_diacritics 2` (lower case, `ü` = `u`); words are
 * prefix terms so `refund` finds `refunds` and `Rück` finds `Rückgabe`. German compounds are one
 * token: `Rücksendung` is found by `Rück…` but not by `sendung` (no decompounding in SQLite).
 * @see https://www.sqlite.org/fts5.html#unicode61_tokenizer
 * @see https://www.sqlite.org/fts5.html#full_text_query_syntax
 */

/** Han (with 々), Hiragana, Katakana (with ー) and Hangul: scripts written without spaces between words. */
const CJK_CHAR = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Hangul}\\u30fc';
const cjkChar = new RegExp(`[${CJK_CHAR}]`, 'gu');
const isCjk = new RegExp(`^[${CJK_CHAR}]$`, 'u');
/** A run of CJK characters, or a word: letters, digits and marks that are not CJK (what unicode61 keeps). */
const queryTerm = new RegExp(`([${CJK_CHAR}]+)|((?:(?![${CJK_CHAR}])[\\p{L}\\p{N}\\p{M}\\p{Co}])+)`, 'gu');

/** More terms than this in one query are dropped: a pasted paragraph must not become a huge query. */
export const MAX_QUERY_TERMS = 8;
const MAX_QUERY_CHARS = 200;

export interface QueryTerm {
  /** `word`: matches words that start with `text`; `cjk`: matches these characters side by side. */
  kind: 'word' | 'cjk';
  /** Folded: compatibility forms unified, lower case, no diacritics, `ß` as `ss`. */
  text: string;
}

/**
 * One character as search compares it: compatibility forms unified (full-width `Ａ` = `A`, `ﬁ` = `fi`),
 * then, outside CJK, marks dropped (`ü` = `u`), lower case and `ß` = `ss` (unicode61 keeps `ß`, so
 * `indexText` writes `ss`). CJK keeps its marks: `が` is not `か` (unicode61 folds only Latin letters).
 */
export function foldChar(char: string): string {
  const compatible = char.normalize('NFKC');
  if (isCjkChar(compatible)) return compatible;
  return compatible.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replaceAll('ß', 'ss');
}

/** A text folded character by character as `foldChar` does. */
export function foldForSearch(text: string): string {
  return Array.from(text.normalize('NFKC'), foldChar).join('');
}

export function isCjkChar(char: string): boolean {
  return isCjk.test(char);
}

/** The text stored in the FTS column for a title or an article's plain text. */
export function indexText(text: string): string {
  return text
    .normalize('NFKC')
    .replaceAll('ß', 'ss')
    .replaceAll('ẞ', 'SS')
    .replace(cjkChar, ' $& ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The distinct terms of a shopper's query, in order, at most `MAX_QUERY_TERMS`. */
export function queryTerms(userQuery: string, maxChars = MAX_QUERY_CHARS, maxTerms = MAX_QUERY_TERMS): QueryTerm[] {
  const folded = foldForSearch(userQuery.slice(0, maxChars));
  const terms = new Map<string, QueryTerm>();
  for (const match of folded.matchAll(queryTerm)) {
    const term: QueryTerm = match[1] ? { kind: 'cjk', text: match[1] } : { kind: 'word', text: match[2]! };
    terms.set(`${term.kind}:${term.text}`, term);
  }
  return [...terms.values()].slice(0, maxTerms);
}

/** An FTS5 string: double quotes doubled, so nothing the shopper typed is read as query syntax. */
function ftsString(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/**
 * The FTS5 MATCH expression for a shopper's query: each word a prefix term (`"refund"*`), each CJK run
 * a phrase of its characters (`"退 货"`), all ANDed. Null when nothing searchable is left.
 */
export function toMatchQuery(userQuery: string): string | null {
  const terms = queryTerms(userQuery);
  if (terms.length === 0) return null;
  return terms
    .map((term) => (term.kind === 'cjk' ? ftsString([...term.text].join(' ')) : `${ftsString(term.text)}*`))
    .join(' AND ');
}

/** Words too common to say what a message is about (folded, as `queryTerms` yields them). */
const fillerWords = new Set(
  (
    'the and you your are was were have has had not for with this that there can could would will please ' +
    'hello thanks thank from but get got yet still any all our out just did does dear been when what ' +
    'der die das und ich sie ihr ihre ist nicht ein eine einen mit fur auf den dem des wie was hallo bitte ' +
    'danke noch mein meine meinen habe hat wir uns aber oder von zum zur wann'
  ).split(' '),
);

/** Terms of a message (not a search box): words of three letters or more that are not filler. */
const MAX_MESSAGE_TERMS = 12;

/**
 * An FTS5 string matching articles that share ANY meaningful term with a shopper's message (the text
 * of the contact form, for the answers shown before it is sent): words as prefixes, and each CJK run
 * as its two-character pieces (`订单没到` → `订单`, `单没`, `没到`), since a whole sentence of Chinese
 * never stands in an article as written. bm25 then ranks articles sharing more and rarer terms first.
 */
export function toAnyWordQuery(message: string): string | null {
  const parts = new Set<string>();
  for (const term of queryTerms(message, 600, 40)) {
    if (term.kind === 'word' && term.text.length >= 3 && !fillerWords.has(term.text))
      parts.add(`${ftsString(term.text)}*`);
    if (term.kind !== 'cjk') continue;
    const chars = [...term.text];
    if (chars.length === 1) parts.add(ftsString(chars[0]!));
    for (let i = 0; i + 1 < chars.length; i++) parts.add(ftsString(`${chars[i]} ${chars[i + 1]}`));
  }
  const terms = [...parts].slice(0, MAX_MESSAGE_TERMS);
  return terms.length ? terms.join(' OR ') : null;
}
