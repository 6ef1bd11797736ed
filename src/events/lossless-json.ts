/**
 * JSON.parse that keeps integers beyond 2^53 exact, as decimal strings. Shopify ids are 64-bit
 * (`820982911946154508` would become `820982911946154500`), so every Shopify body goes through here.
 *
 * V8 (and so workerd) passes the literal's source text to the reviver (TC39 "JSON.parse source text
 * access"); where a runtime does not, unsafe integer literals are quoted by a tokenizer first.
 */
type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

const reviver: Reviver = (_key, value, context) => {
  if (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    !Number.isSafeInteger(value) &&
    context?.source &&
    /^-?\d+$/.test(context.source)
  ) {
    return context.source;
  }
  return value;
};

let sourceAccess: boolean | undefined;

function hasSourceAccess(): boolean {
  if (sourceAccess === undefined) {
    sourceAccess = (JSON.parse('[9007199254740993]', reviver as never) as unknown[])[0] === '9007199254740993';
  }
  return sourceAccess;
}

export function parseLosslessJson(text: string): unknown {
  if (hasSourceAccess()) {
    try {
      return JSON.parse(text, reviver as never);
    } catch (err) {
      // V8 revives recursively: a body nested thousands deep overflows the stack where the plain
      // (iterative) parse does not. Such a body is hostile, but it still parses the same way.
      if (!(err instanceof RangeError)) throw err;
    }
  }
  return JSON.parse(quoteUnsafeIntegers(text));
}

/** Outside strings, wraps integer literals of 16+ digits in quotes (the fallback path). */
export function quoteUnsafeIntegers(text: string): string {
  let out = '';
  let i = 0;
  let last = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (ch === '-' || (ch >= '0' && ch <= '9')) {
      let j = i + (ch === '-' ? 1 : 0);
      while (j < text.length && text[j]! >= '0' && text[j]! <= '9') j++;
      const isInteger = !/[.eE]/.test(text[j] ?? '');
      const literal = text.slice(i, j);
      if (isInteger && literal.replace('-', '').length >= 16 && !Number.isSafeInteger(Number(literal))) {
        out += text.slice(last, i) + `"${literal}"`;
        last = j;
      }
      i = j;
      continue;
    }
    i++;
  }
  return out + text.slice(last);
}

/** A platform id as a string, whatever JSON type carried it (numbers here are always safe). */
export function idString(value: unknown): string | null {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return null;
}

/** `gid://shopify/<Type>/<id>` from a numeric id or an existing gid. */
export function shopifyGid(type: string, value: unknown): string | null {
  const id = idString(value);
  if (!id) return null;
  return id.startsWith('gid://') ? id : `gid://shopify/${type}/${id}`;
}
