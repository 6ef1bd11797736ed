/** Shops, cases and SLA settings for the CaseClock tests. */
import { env } from 'cloudflare:workers';
import { defaultPolicy, slaSchema, type Priority, type SlaPolicy } from '../../src/cases/policy-schema';
import { newId } from '../../src/lib/ids';
import { createShop } from '../helpers/factory';

export const MIN = 60_000;

/** Tiny targets so real alarms fire within a test: first response 1 min, next update 2, resolution 10. */
export function quickSla(overrides: Partial<SlaPolicy['escalation']> = {}, base: Partial<SlaPolicy> = {}): SlaPolicy {
  const t = { firstResponseMinutes: 1, nextUpdateMinutes: 2, resolutionMinutes: 10 };
  return slaSchema.parse({
    calendar: '24x7',
    targets: { urgent: t, high: t, normal: t, low: t },
    escalation: {
      warnAtRatio: 0.5,
      tierUp: true,
      priorityUp: true,
      reassignTo: {},
      alertEmails: ['team@example.com'],
      ...overrides,
    },
    ...base,
  });
}

export async function shopWithCase(
  sla: SlaPolicy,
  opts: { priority?: Priority; createdAt?: number; number?: number } = {},
) {
  const policy = { ...defaultPolicy(), sla };
  const shop = await createShop(env.DB, { policy });
  const caseId = newId('case');
  const createdAt = opts.createdAt ?? Date.now();
  await env.DB.prepare(
    `INSERT INTO cases (id, shop_id, number, type, status, priority, tier, source, currency, created_at, updated_at)
     VALUES (?, ?, ?, 'return', 'requested', ?, 1, 'portal', 'USD', ?, ?)`,
  )
    .bind(caseId, shop.id, opts.number ?? 1001, opts.priority ?? 'normal', createdAt, createdAt)
    .run();
  return { shop, caseId, createdAt, priority: opts.priority ?? 'normal' };
}

export interface CaseRowView {
  tier: number;
  priority: string;
  assignee: string | null;
  breached: number;
  breaches: string;
  next_due_at: number | null;
  first_response_due_at: number | null;
  next_update_due_at: number | null;
  resolution_due_at: number | null;
  first_responded_at: number | null;
  sla_paused_at: number | null;
}

export async function caseRow(caseId: string): Promise<CaseRowView> {
  return (await env.DB.prepare('SELECT * FROM cases WHERE id = ?').bind(caseId).first<CaseRowView>())!;
}

export async function slaEvents(caseId: string) {
  const { results } = await env.DB.prepare(
    `SELECT type, data, at FROM case_events WHERE case_id = ? AND type LIKE 'Sla%' ORDER BY at, type DESC`,
  )
    .bind(caseId)
    .all<{ type: string; data: string; at: number }>();
  return results.map((r) => ({
    type: r.type,
    at: r.at,
    data: JSON.parse(r.data) as {
      target: string;
      dueAt: number;
      scheduledAt: number;
      recordedAt: number;
      escalation: Record<string, unknown> | null;
    },
  }));
}

export async function outbox(caseId: string) {
  const { results } = await env.DB.prepare(
    `SELECT kind, channel, recipient, subject, dedupe_key FROM notifications WHERE case_id = ? ORDER BY created_at, kind`,
  )
    .bind(caseId)
    .all<{ kind: string; channel: string; recipient: string; subject: string; dedupe_key: string }>();
  return results;
}

/** Waits (real time) until `check` passes; alarms fire on their own in the local runtime. */
export async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 8000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}
