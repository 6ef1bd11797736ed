/**
 * A statement with named parameters (`?name`), rewritten once per SQL text to D1's numbered ones
 * (`?N`), so the long upserts of the appliers stay readable. A missing value fails loudly.
 */
const cache = new Map<string, { sql: string; names: string[] }>();

export function bindNamed(d1: D1Database, sql: string, values: Record<string, unknown>): D1PreparedStatement {
  let entry = cache.get(sql);
  if (!entry) {
    const names: string[] = [];
    const numbered = sql.replace(/\?([a-z][a-z0-9_]*)/g, (_m, name: string) => {
      let i = names.indexOf(name);
      if (i < 0) i = names.push(name) - 1;
      return `?${i + 1}`;
    });
    entry = { sql: numbered, names };
    cache.set(sql, entry);
  }
  const params = entry.names.map((n) => {
    if (!(n in values)) throw new Error(`missing SQL parameter ?${n}`);
    const v = values[n];
    return v === undefined ? null : v;
  });
  return d1.prepare(entry.sql).bind(...params);
}
