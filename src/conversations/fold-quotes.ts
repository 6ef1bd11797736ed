/**
 * The new part of a reply: quoted history and signatures folded away. The full text stays with the
 * message; this only decides what is shown first. Markers are matched per line, from the top: the
 * first one found ends the new text.
 */
export interface FoldedText {
  newText: string;
  /** True when something was cut, so the view offers "show the quoted text". */
  folded: boolean;
}

/** A line that starts quoted history or a signature on its own. */
const HISTORY_STARTS: RegExp[] = [
  /^-{2,}\s*(original message|ursprüngliche nachricht|原始邮件|message d'origine)\s*-{2,}$/i,
  /^_{10,}$/, // Outlook's line above its From:/Sent: block
  /^-- ?$/, // the RFC 3676 signature delimiter; many clients trim its space
  /^发件人\s*[:：]/,
  /^(sent from my|sent from mail for|get outlook for)\s/i,
  /^(从我的|发自我的)\s*\S+\s*(发送)?$/,
  /^von meinem \S+( \S+)? gesendet$/i,
];

/** An attribution line, which mail clients may wrap onto a second line: "On … wrote:". */
const ATTRIBUTIONS: RegExp[] = [
  /^on\s.{4,}\swrote:$/i,
  /^am\s.{4,}\sschrieb\s.+:$/i,
  /^(在|于).{4,}写道\s*[:：]$/,
  /^le\s.{4,}\sa écrit\s*:$/i,
];

/** Outlook's header block without a separator line: "From: …" then "Sent: …" within a few lines. */
const BLOCK_FROM = /^\*?(from|von|de|寄件者)\s*\*?[:：]/i;
const BLOCK_NEXT = /^\*?(sent|date|gesendet|datum|to|an|subject|betreff|发送时间|收件人|主题)\s*\*?[:：]/i;
const MAX_ATTRIBUTION_LENGTH = 400;

function isAttribution(lines: string[], i: number): boolean {
  const line = lines[i]!;
  const joined = `${line} ${lines[i + 1] ?? ''}`.trim();
  return ATTRIBUTIONS.some(
    (pattern) => pattern.test(line) || (joined.length <= MAX_ATTRIBUTION_LENGTH && pattern.test(joined)),
  );
}

function isHeaderBlock(lines: string[], i: number): boolean {
  if (!BLOCK_FROM.test(lines[i]!)) return false;
  return lines.slice(i + 1, i + 5).some((line) => BLOCK_NEXT.test(line));
}

function historyStart(rawLines: string[]): number {
  const lines = rawLines.map((line) => line.trim());
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length > MAX_ATTRIBUTION_LENGTH) continue;
    if (HISTORY_STARTS.some((pattern) => pattern.test(line))) return i;
    if (isAttribution(lines, i) || isHeaderBlock(lines, i)) return i;
  }
  return lines.length;
}

export function newTextOf(text: string): FoldedText {
  const full = text.replace(/\r\n?/g, '\n').trim();
  const lines = full.split('\n');
  const kept = lines
    .slice(0, historyStart(lines))
    .filter((line) => !/^\s*>/.test(line)) // interleaved answers stay; the lines they answer go
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  // A forward or an all-quoted message has no new text of its own: show it whole rather than nothing.
  if (kept === '' || kept === full) return { newText: full, folded: false };
  return { newText: kept, folded: true };
}
