/**
 * The highlighted excerpt of a search hit. FTS5's own `snippet()` would quote the indexed copy, where
 * Chinese stands spaced out (`退 货 政 策`), so the excerpt is cut from the article's original text
 * here, with the same folding the index uses (`ü` = `u`, case, full-width forms).
 */
import { foldChar, isCjkChar, type QueryTerm, queryTerms } from './search-text';

interface Span {
  start: number;
  end: number;
}

const ELLIPSIS = '…';
const wordChar = /^[\p{L}\p{N}\p{M}]$/u;

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && wordChar.test(char) && !isCjkChar(char);
}

/** The folded text and, for each of its UTF-16 units, the index of the character it came from. */
function foldWithOrigins(chars: string[]): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  chars.forEach((char, index) => {
    const piece = foldChar(char);
    folded += piece;
    for (let unit = 0; unit < piece.length; unit++) origin.push(index);
  });
  return { folded, origin };
}

/** Where `term` occurs in the text, in characters: a word from its start to the end of the word. */
function termSpans(chars: string[], folded: string, origin: number[], term: QueryTerm): Span[] {
  const spans: Span[] = [];
  for (let at = folded.indexOf(term.text); at >= 0; at = folded.indexOf(term.text, at + 1)) {
    const start = origin[at]!;
    let end = origin[at + term.text.length - 1]! + 1;
    if (term.kind === 'word') {
      if (isWordChar(chars[start - 1])) continue;
      while (isWordChar(chars[end])) end++;
    }
    spans.push({ start, end });
  }
  return spans;
}

function mergeSpans(spans: Span[]): Span[] {
  const merged: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** The window of `maxChars` characters that opens a little before the first match, on a word boundary. */
function excerptWindow(chars: string[], firstMatch: number, maxChars: number): Span {
  if (chars.length <= maxChars) return { start: 0, end: chars.length };
  let start = Math.max(0, Math.min(firstMatch - Math.floor(maxChars / 4), chars.length - maxChars));
  for (let step = 0; step < 20 && start > 0 && start < firstMatch && isWordChar(chars[start - 1]); step++) start++;
  let end = Math.min(chars.length, start + maxChars);
  for (let step = 0; step < 20 && end < chars.length && isWordChar(chars[end]) && end > start + 1; step++) end--;
  return { start, end };
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => htmlEscapes[char]!);
}

function renderWindow(chars: string[], window: Span, marks: Span[]): string {
  let html = window.start > 0 ? ELLIPSIS : '';
  let at = window.start;
  for (const mark of marks) {
    const start = Math.max(mark.start, at);
    const end = Math.min(mark.end, window.end);
    if (start >= end) continue;
    html += `${escapeHtml(chars.slice(at, start).join(''))}<mark>${escapeHtml(chars.slice(start, end).join(''))}</mark>`;
    at = end;
  }
  html += escapeHtml(chars.slice(at, window.end).join(''));
  return window.end < chars.length ? `${html}${ELLIPSIS}` : html;
}

/**
 * About `maxChars` characters of `original` around the first match of `query`, as HTML: every match
 * in `<mark>`, everything else escaped, `…` where the text was cut. No match: the opening of the text.
 */
export function excerptFor(original: string, query: string, maxChars: number): string {
  const chars = Array.from(original.replace(/\s+/g, ' ').trim());
  const { folded, origin } = foldWithOrigins(chars);
  const marks = mergeSpans(queryTerms(query).flatMap((term) => termSpans(chars, folded, origin, term)));
  const window = excerptWindow(chars, marks[0]?.start ?? 0, maxChars);
  return renderWindow(chars, window, marks);
}
