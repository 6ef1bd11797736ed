import { describe, expect, it } from 'vitest';
import { GroupCommit, MAX_BATCH, type GroupCommitPorts } from './group-commit';

/** Statements stand in as their key: the fake database answers by it (`dup-…` exists, `bad-…` fails). */
const keyOf = (s: D1PreparedStatement) => (s as unknown as { key: string }).key;

function deferred() {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  return { gate, release };
}

/** Records every batch and every queue send; `hold()` keeps the next batch open until released. */
function fakePorts() {
  const batches: string[][] = [];
  const sent: unknown[][] = [];
  const holds: Array<ReturnType<typeof deferred>> = [];
  let sendFails = false;
  const ports: GroupCommitPorts = {
    db: {
      prepare: ((sql: string) => ({ bind: (key: string) => ({ key, sql }) })) as unknown as D1Database['prepare'],
      batch: (async (statements: D1PreparedStatement[]) => {
        const keys = statements.map(keyOf);
        batches.push(keys);
        const hold = holds.shift();
        if (hold) await hold.gate;
        if (keys.some((k) => k.startsWith('bad-'))) throw new Error('D1_ERROR: NOT NULL constraint failed');
        return keys.map((k) => ({ success: true, results: [], meta: { changes: k.startsWith('dup-') ? 0 : 1 } }));
      }) as unknown as D1Database['batch'],
    },
    queue: {
      sendBatch: async (messages: Iterable<MessageSendRequest<unknown>>) => {
        if (sendFails) throw new Error('queue unavailable');
        sent.push([...messages].map((m) => m.body));
        return undefined as never;
      },
    },
  };
  return {
    ports,
    batches,
    sent,
    hold: () => {
      const d = deferred();
      holds.push(d);
      return d;
    },
    failSends: () => void (sendFails = true),
  };
}

/** Lets the lead's continuation run, so its commit has started. */
const started = () => new Promise<void>((r) => setTimeout(r, 0));

const insert = (gc: GroupCommit, ports: GroupCommitPorts, key: string) =>
  gc.insert({ sql: 'INSERT …', params: [key], message: { eventId: key } }, ports);

describe('group commit of webhook rows', () => {
  it('commits a lone row at once, then sends its message', async () => {
    const gc = new GroupCommit();
    const f = fakePorts();
    await expect(insert(gc, f.ports, 'a')).resolves.toEqual({ inserted: true });
    expect(f.batches).toEqual([['a']]);
    expect(f.sent).toEqual([[{ eventId: 'a' }]]);
  });

  it('rows arriving while a commit is in flight share the next commit and one queue send', async () => {
    const gc = new GroupCommit();
    const f = fakePorts();
    const first = f.hold();
    const a = insert(gc, f.ports, 'a');
    await started();
    const rest = ['b', 'c', 'd', 'e'].map((k) => insert(gc, f.ports, k));
    first.release();
    await Promise.all([a, ...rest]);
    expect(f.batches).toEqual([['a'], ['b', 'c', 'd', 'e']]);
    expect(f.sent).toEqual([
      [{ eventId: 'a' }],
      [{ eventId: 'b' }, { eventId: 'c' }, { eventId: 'd' }, { eventId: 'e' }],
    ]);
    expect(gc.stats).toEqual({ commits: 2, rows: 5 });
  });

  it(`splits a burst into commits of at most ${MAX_BATCH}`, async () => {
    const gc = new GroupCommit();
    const f = fakePorts();
    const first = f.hold();
    const a = insert(gc, f.ports, 'a');
    await started();
    const burst = Array.from({ length: MAX_BATCH + 7 }, (_, i) => insert(gc, f.ports, `r${i}`));
    first.release();
    await Promise.all([a, ...burst]);
    expect(f.batches.map((b) => b.length)).toEqual([1, MAX_BATCH, 7]);
  });

  it('a duplicate resolves as not inserted and enqueues nothing', async () => {
    const gc = new GroupCommit();
    const f = fakePorts();
    const first = f.hold();
    const a = insert(gc, f.ports, 'a');
    await started();
    const others = [insert(gc, f.ports, 'dup-a'), insert(gc, f.ports, 'b')];
    first.release();
    expect(await Promise.all([a, ...others])).toEqual([{ inserted: true }, { inserted: false }, { inserted: true }]);
    expect(f.sent).toEqual([[{ eventId: 'a' }], [{ eventId: 'b' }]]);
  });

  it('one failing row fails alone: its neighbours are retried one by one and stored', async () => {
    const gc = new GroupCommit();
    const f = fakePorts();
    const first = f.hold();
    const a = insert(gc, f.ports, 'a');
    await started();
    const b = insert(gc, f.ports, 'b');
    const bad = insert(gc, f.ports, 'bad-c');
    const d = insert(gc, f.ports, 'd');
    first.release();
    await expect(a).resolves.toEqual({ inserted: true });
    await expect(b).resolves.toEqual({ inserted: true });
    await expect(bad).rejects.toThrow(/NOT NULL/);
    await expect(d).resolves.toEqual({ inserted: true });
    expect(f.batches).toEqual([['a'], ['b', 'bad-c', 'd'], ['b'], ['bad-c'], ['d']]);
    expect(f.sent).toEqual([[{ eventId: 'a' }], [{ eventId: 'b' }, { eventId: 'd' }]]);
  });

  it('a failed queue send still answers stored (the sweep re-enqueues `received` rows)', async () => {
    const gc = new GroupCommit();
    const f = fakePorts();
    f.failSends();
    await expect(insert(gc, f.ports, 'a')).resolves.toEqual({ inserted: true });
    expect(f.batches).toEqual([['a']]);
  });

  it('keeps the lead commit alive with waitUntil', async () => {
    const gc = new GroupCommit();
    const f = fakePorts();
    const kept: Array<Promise<unknown>> = [];
    await insert(gc, { ...f.ports, waitUntil: (p) => kept.push(p) }, 'a');
    expect(kept).toHaveLength(1);
  });

  it('when a lead never finishes, waiters write alone after the stall time', async () => {
    const gc = new GroupCommit(50);
    const f = fakePorts();
    f.hold(); // never released: the lead's commit hangs
    void insert(gc, f.ports, 'a');
    await started();
    const b = insert(gc, f.ports, 'b');
    await expect(b).resolves.toEqual({ inserted: true });
    expect(f.batches).toEqual([['a'], ['b']]);
    // and the next arrival after the stall leads its own commit rather than waiting forever
    await expect(insert(gc, f.ports, 'c')).resolves.toEqual({ inserted: true });
  });
});
