/**
 * A D1Database that adds up what D1 reports it did (`meta.rows_read`, `meta.rows_written`, which
 * is what D1 bills) for every statement run through `run`, `all` and `batch`. `first` is served
 * through `all` so it is counted too; `raw` returns no meta and is counted as one query only, so
 * rows read are a lower bound where a caller uses `raw` (drizzle selects). Writes go through
 * `run`/`batch`, so rows written are exact.
 */
export interface Meter {
  queries: number;
  rowsRead: number;
  rowsWritten: number;
  unmetered: number;
  /** Calls that went to D1: a statement run alone, or a whole batch (counted once). */
  roundTrips?: number;
}

export function meteredD1(d1: D1Database, meter: Meter): D1Database {
  const trip = () => {
    meter.roundTrips = (meter.roundTrips ?? 0) + 1;
  };
  const add = (meta: { rows_read?: number; rows_written?: number } | undefined) => {
    meter.queries++;
    meter.rowsRead += meta?.rows_read ?? 0;
    meter.rowsWritten += meta?.rows_written ?? 0;
  };
  const real = new WeakMap<object, D1PreparedStatement>();
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(stmt, {
      get(target, prop) {
        if (prop === 'bind') return (...args: unknown[]) => wrap(target.bind(...args));
        if (prop === 'run' || prop === 'all') {
          return async () => {
            trip();
            const result = await target.all();
            add(result.meta);
            return result;
          };
        }
        if (prop === 'first') {
          return async (column?: string) => {
            trip();
            const result = await target.all<Record<string, unknown>>();
            add(result.meta);
            const row = result.results[0] ?? null;
            return column ? (row?.[column] ?? null) : row;
          };
        }
        if (prop === 'raw') {
          return async (options?: { columnNames?: boolean }) => {
            trip();
            meter.queries++;
            meter.unmetered++;
            return target.raw(options as { columnNames: true });
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    real.set(proxy, stmt);
    return proxy;
  };
  return new Proxy(d1, {
    get(target, prop) {
      if (prop === 'prepare') return (sql: string) => wrap(target.prepare(sql));
      if (prop === 'batch') {
        return async (stmts: D1PreparedStatement[]) => {
          trip();
          const results = await target.batch(stmts.map((s) => real.get(s) ?? s));
          for (const r of results) add(r.meta);
          return results;
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
