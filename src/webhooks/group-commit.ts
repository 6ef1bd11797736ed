/**
 * Group commit for the webhook ack path. D1 applies writes one at a time per database, so when a
 * store sends a burst, acks that each INSERT alone wait in line for every commit before theirs.
 * Here the acks an isolate is handling at the same moment share one `batch()` (one transaction,
 * one commit) and one `sendBatch()` to the queue; each request still answers only after its own
 * row is committed, so "stored before acknowledged" holds for every one of them.
 *
 * No timer adds latency: the first request commits at once; whoever arrives while that commit is
 * in flight joins the next one, led by the first of them (in its own request context, so no request
 * does I/O for another). The lead keeps its commit alive with `waitUntil`, so a shopper's dropped
 * connection cannot cancel other requests' writes. If a batch fails, its statements are retried one
 * by one, so one bad row cannot fail its neighbours; if a lead vanishes anyway, waiters fall back to
 * writing alone after `STALL_MS` (the insert is idempotent, the duplicate check holds).
 */
import { log } from '../lib/log';

/** D1 accepts large batches; 50 keeps one commit short and well under the statement limits. */
export const MAX_BATCH = 50;
/** A lead that has not finished its commit by then is presumed gone. */
export const STALL_MS = 10_000;

export interface GroupCommitItem {
  /**
   * Plain SQL and values, not a prepared statement: workerd ties a statement to the request that
   * prepared it, so the lead prepares every row of its commit on its own binding.
   */
  sql: string;
  params: unknown[];
  /** What to enqueue when (and only when) the statement inserted its row. */
  message: unknown;
}

export interface GroupCommitPorts {
  db: Pick<D1Database, 'batch' | 'prepare'>;
  queue: Pick<Queue, 'sendBatch'>;
  waitUntil?: (promise: Promise<unknown>) => void;
}

interface Waiter {
  item: GroupCommitItem;
  settle: (result: { inserted: boolean } | { error: unknown }) => void;
  lead: () => void;
}

export class GroupCommit {
  private waiting: Waiter[] = [];
  private committingSince: number | null = null;
  /** Commits and rows committed together (tests read them). */
  readonly stats = { commits: 0, rows: 0 };

  constructor(private readonly stallMs = STALL_MS) {}

  /** Stores one row (deduplicated by its statement) and enqueues its message if it was new. */
  async insert(item: GroupCommitItem, ports: GroupCommitPorts): Promise<{ inserted: boolean }> {
    let settle!: Waiter['settle'];
    let lead!: () => void;
    const done = new Promise<{ inserted: boolean } | { error: unknown }>((r) => (settle = r));
    const asked = new Promise<'lead'>((r) => (lead = () => r('lead')));
    this.waiting.push({ item, settle, lead });
    if (!this.busy()) this.waiting[0]!.lead();

    let timer: ReturnType<typeof setTimeout> | undefined;
    const stalled = new Promise<'stalled'>((r) => (timer = setTimeout(() => r('stalled'), this.stallMs)));
    try {
      return await this.await(item, ports, done, asked, stalled);
    } finally {
      clearTimeout(timer);
    }
  }

  private async await(
    item: GroupCommitItem,
    ports: GroupCommitPorts,
    done: Promise<{ inserted: boolean } | { error: unknown }>,
    asked: Promise<'lead'>,
    stalled: Promise<'stalled'>,
  ): Promise<{ inserted: boolean }> {
    let led = false;
    for (;;) {
      // `done` first: once settled it wins over a lead request that arrived meanwhile.
      const next = await Promise.race(led ? [done, stalled] : [done, asked, stalled]);
      if (next === 'lead') {
        led = true;
        await this.commit(ports);
        continue; // the commit we led included our own row and settled `done`
      }
      if (next === 'stalled') return this.alone(item, ports);
      if ('error' in next) throw next.error;
      return next;
    }
  }

  private busy(): boolean {
    return this.committingSince !== null && Date.now() - this.committingSince < this.stallMs;
  }

  /**
   * Commits what is waiting (up to MAX_BATCH) through the lead's own bindings (`ports`: all I/O
   * happens in the lead's request), then hands the lead to the next waiter.
   */
  private async commit(ports: GroupCommitPorts): Promise<void> {
    const group = this.waiting.splice(0, MAX_BATCH);
    if (group.length === 0) return;
    this.committingSince = Date.now();
    const work = this.write(group, ports);
    ports.waitUntil?.(work);
    try {
      await work;
    } finally {
      this.committingSince = null;
      this.waiting[0]?.lead();
    }
  }

  private async write(group: Waiter[], ports: GroupCommitPorts): Promise<void> {
    let results: Array<{ inserted: boolean } | { error: unknown }>;
    try {
      const out = await ports.db.batch(group.map((w) => prepare(ports, w.item)));
      results = out.map((r) => ({ inserted: r.meta.changes === 1 }));
      this.stats.commits++;
      this.stats.rows += group.length;
    } catch {
      // One bad statement rolls the whole transaction back: give each row its own chance.
      results = [];
      for (const w of group) {
        try {
          const [r] = await ports.db.batch([prepare(ports, w.item)]);
          results.push({ inserted: r?.meta.changes === 1 });
        } catch (error) {
          results.push({ error });
        }
      }
    }
    const fresh = group.filter((_, i) => 'inserted' in results[i]! && (results[i] as { inserted: boolean }).inserted);
    if (fresh.length > 0) {
      try {
        await ports.queue.sendBatch(fresh.map((w) => ({ body: w.item.message })));
      } catch (err) {
        // Stored is what matters: the sweep re-enqueues events left `received`.
        log({
          kind: 'event',
          outcome: 'error',
          durationMs: 0,
          error: `enqueue of ${fresh.length} failed: ${String(err)}`,
        });
      }
    }
    for (const [i, w] of group.entries()) w.settle(results[i]!);
  }

  /**
   * This row on its own: the fallback when a lead vanished (idempotent, so safe to repeat), and the
   * whole path where requests cannot wait on each other (`WEBHOOK_GROUP_COMMIT=off`).
   */
  async alone(item: GroupCommitItem, ports: GroupCommitPorts): Promise<{ inserted: boolean }> {
    this.waiting = this.waiting.filter((w) => w.item !== item);
    const [r] = await ports.db.batch([prepare(ports, item)]);
    const inserted = r?.meta.changes === 1;
    if (inserted) {
      await ports.queue.sendBatch([{ body: item.message }]).catch((err: unknown) => {
        log({ kind: 'event', outcome: 'error', durationMs: 0, error: `enqueue failed: ${String(err)}` });
      });
    }
    return { inserted };
  }
}

const prepare = (ports: GroupCommitPorts, item: GroupCommitItem) => ports.db.prepare(item.sql).bind(...item.params);

/** The one group commit of this isolate for webhook events. */
export const webhookCommits = new GroupCommit();
