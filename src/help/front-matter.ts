/**
 * The front matter of a starter article: a `---` block of `key: value` lines at the top, where a value
 * may be a list (`[a, b]` inline, or `- a` lines under an empty `key:`). Just what our own files use;
 * not YAML (no quoting, nesting or multi-line strings).
 */
export type FrontMatterValue = string | string[];

export interface FrontMatter {
  data: Record<string, FrontMatterValue>;
  body: string;
}

const block = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

function parseInlineValue(raw: string): FrontMatterValue {
  const value = raw.trim();
  if (!value.startsWith('[')) return value;
  if (!value.endsWith(']')) throw new SyntaxError(`front matter: unclosed list: ${value}`);
  return value
    .slice(1, -1)
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function parseLines(lines: string[]): Record<string, FrontMatterValue> {
  const data: Record<string, FrontMatterValue> = {};
  let listKey: string | undefined;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const item = /^\s+-\s+(.*)$/.exec(line) ?? /^-\s+(.*)$/.exec(line);
    if (item && listKey !== undefined) {
      (data[listKey] as string[]).push(item[1]!.trim());
      continue;
    }
    const pair = /^([A-Za-z][\w-]*):(.*)$/.exec(line);
    if (!pair) throw new SyntaxError(`front matter: not "key: value": ${line}`);
    const [, key, raw] = pair as unknown as [string, string, string];
    listKey = raw.trim() === '' ? key : undefined;
    data[key] = listKey === undefined ? parseInlineValue(raw) : [];
  }
  return data;
}

/** Splits a file into its front matter and the rest; a file without front matter has empty data. */
export function parseFrontMatter(source: string): FrontMatter {
  const match = block.exec(source);
  if (!match) return { data: {}, body: source };
  return { data: parseLines(match[1]!.split(/\r?\n/)), body: source.slice(match[0].length) };
}
