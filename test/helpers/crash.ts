/**
 * A D1 that, once armed, dies on its next operation (a statement's run/all/first/raw, or a batch):
 * the worker is gone after the provider answered and before anything of that answer was written.
 * Pass it in an env (`{ ...env, DB: killable.db }`) to kill a whole-Worker queue run mid-job.
 */
export function killableD1(d1: D1Database) {
  const state = { armed: false, killed: 0 };
  const die = () => {
    if (!state.armed) return;
    state.armed = false;
    state.killed++;
    throw new Error('SIGKILL: the worker died here');
  };
  const wrapStmt = (stmt: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(stmt, {
      get(t, p) {
        if (p === 'bind') return (...a: unknown[]) => wrapStmt(t.bind(...a));
        const v = Reflect.get(t, p) as unknown;
        if (typeof v !== 'function') return v;
        return (...a: unknown[]) => {
          if (['run', 'all', 'first', 'raw'].includes(String(p))) die();
          return (v as (...x: unknown[]) => unknown).apply(t, a);
        };
      },
    });
  const db = new Proxy(d1, {
    get(t, p) {
      if (p === 'prepare') return (sql: string) => wrapStmt(t.prepare(sql));
      if (p === 'batch') return (stmts: D1PreparedStatement[]) => (die(), t.batch(stmts));
      const v = Reflect.get(t, p) as unknown;
      return typeof v === 'function' ? (v as (...x: unknown[]) => unknown).bind(t) : v;
    },
  });
  return { db, state, arm: () => void (state.armed = true) };
}
