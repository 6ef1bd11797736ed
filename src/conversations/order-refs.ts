/**
 * Order numbers a customer names: `#1005`, `order 1005`, `订单号 1005`, `Bestellung 1005`, or a bare
 * `1005`. Candidates only: the caller keeps those that are one of the sender's orders, so a stray
 * number costs a lookup, not a wrong link. What is plainly not an order (prices, years, phone
 * numbers, dates, our own case numbers `R-1012`) is left out.
 */
const MAX_REFS = 10;
const NAMED =
  /(?:#|\b(?:order|bestellung|auftrag)(?:\s*(?:number|no\.?|nr\.?|nummer))?|订单(?:号|编号)?|bestellnummer|auftragsnummer)\s*[:：#]?\s*#?\s*(\d{3,10})(?!\d)/gi;
const BARE =
  /(?<![\d.,:/\-+#$€£¥￥])\b(\d{4,6})\b(?![\d%€$£¥]|[.,:/-]\d|\s?(?:€|元|块|%|年|月|日)|\s?(?:eur|usd|rmb|kg|g|cm|mm|ml|km)\b)/gi;
const CURRENCY_BEFORE = /(?:[$€£¥￥]|eur|usd|rmb|chf)\s?$/i;
// A bare number right next to other digit groups is part of a phone number, an IBAN or a postcode.
const NEXT_TO_DIGITS = /\d[\s-]$/;

function isYear(value: string): boolean {
  return value.length === 4 && Number(value) >= 1900 && Number(value) <= 2100;
}

function bareRefs(text: string): string[] {
  const refs: string[] = [];
  for (const m of text.matchAll(BARE)) {
    const value = m[1]!;
    const before = text.slice(Math.max(0, m.index - 6), m.index);
    const after = text.slice(m.index + value.length, m.index + value.length + 2);
    if (isYear(value) || CURRENCY_BEFORE.test(before) || NEXT_TO_DIGITS.test(before) || /^[\s-]\d/.test(after))
      continue;
    if (/\bR-$/i.test(before)) continue;
    refs.push(value);
  }
  return refs;
}

export function findOrderRefs(text: string): string[] {
  const sample = text.slice(0, 20_000);
  const named = [...sample.matchAll(NAMED)].map((m) => m[1]!);
  return [...new Set([...named, ...bareRefs(sample)])].slice(0, MAX_REFS);
}
