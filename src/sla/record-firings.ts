/**
 * The CaseClock's writes to D1. Every warning or breach goes in ONE batch with its audit event, the
 * case row's deadlines/breach flags/tier/priority, the team's outbox emails, the optional outbound
 * webhook and the durable delivery jobs; everything is keyed by case + target + deadline, so a
 * repeated alarm inserts nothing new and writes the same values again.
 */
import { onceEventStatements } from '../db/case-event-rows';
import { scheduleJob, enqueueJob } from '../queue/enqueue';
import type { JobMessage } from '../queue/messages';
import { prepareOutboundWebhook } from '../notifications/outbound-webhook';
import { prepareNotification } from '../notifications/outbox';
import { recipientLocaleResolver } from '../notifications/recipient-locale';
import { toHex } from '../lib/crypto';
import { log } from '../lib/log';
import type { Services } from '../services';
import { nextDueAt, type ClockState, type SlaTarget } from './deadlines';
import { firingKey, type SlaFiring } from './escalation';
import { formatDue } from './format-due';

const targetLabel: Record<SlaTarget, string> = {
  first_response: 'first response',
  next_update: 'next update',
  resolution: 'resolution',
};

/**
 * The UPDATE that mirrors the clock's deadlines onto the case row (admin queue sorts/filters on it).
 * Tier, priority and assignee are written only by an escalation (and then the version is bumped so
 * a command that loaded the case before it retries): otherwise the case row owns them.
 */
export function mirrorStatement(s: Services, state: ClockState, now: number, escalated = false): D1PreparedStatement {
  const t = state.targets;
  const pendingDue = (name: SlaTarget) => (t[name]?.status === 'pending' ? t[name].dueAt : null);
  const escalation = escalated
    ? `, tier = ?, priority = ?, assignee = COALESCE(?, assignee), version = version + 1`
    : '';
  return s
    .d1(state.shopId)
    .prepare(
      `UPDATE cases SET first_response_due_at = ?, next_update_due_at = ?, resolution_due_at = ?, next_due_at = ?,
         first_responded_at = COALESCE(first_responded_at, ?), breached = ?, breaches = ?, sla_paused_at = ?,
         sla_resolution_held_at = ?, updated_at = ?${escalation}
       WHERE shop_id = ? AND id = ?`,
    )
    .bind(
      t.first_response?.dueAt ?? null,
      pendingDue('next_update'),
      t.resolution?.dueAt ?? null,
      nextDueAt(state),
      state.firstRespondedAt,
      state.breaches.length > 0 ? 1 : 0,
      JSON.stringify(state.breaches),
      state.pausedAt,
      state.resolutionHeldAt ?? null,
      now,
      ...(escalated ? [state.tier, state.priority, state.assignee] : []),
      state.shopId,
      state.caseId,
    );
}

/** After start / reply / pause / resume / priority / stop: the case row shows the new deadlines. */
export async function mirrorDeadlines(s: Services, state: ClockState, now: number): Promise<void> {
  await mirrorStatement(s, state, now).run();
}

/** A deterministic `cev_` id from the firing's key: the same breach is the same audit row. */
async function eventId(key: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)));
  return `cev_${toHex(digest).slice(0, 26).toUpperCase()}`;
}

/** The firing's audit event, once per firing key (the case's version bumped when it is written). */
function eventStatements(
  s: Services,
  state: ClockState,
  f: SlaFiring,
  id: string,
  recordedAt: number,
): D1PreparedStatement[] {
  const reason = f.kind === 'warning' ? `${targetLabel[f.target]} due soon` : `${targetLabel[f.target]} target missed`;
  return onceEventStatements(s, {
    shopId: state.shopId,
    caseId: state.caseId,
    id,
    type: f.kind === 'warning' ? 'SlaWarned' : 'SlaBreached',
    reason,
    data: {
      target: f.target,
      dueAt: f.dueAt,
      scheduledAt: f.scheduledAt,
      recordedAt,
      cycle: f.cycle,
      escalation: f.escalation,
    },
    at: recordedAt,
  });
}

interface CaseFacts {
  number: number | null;
  shopEmail: string | null;
  timezone: string;
  locale: string;
}

async function caseFacts(s: Services, state: ClockState): Promise<CaseFacts> {
  const row = await s
    .d1(state.shopId)
    .prepare(
      `SELECT c.number AS number, sh.email AS email, sh.timezone AS timezone, sh.locale AS locale FROM shops sh LEFT JOIN cases c ON c.shop_id = sh.id AND c.id = ? WHERE sh.id = ?`,
    )
    .bind(state.caseId, state.shopId)
    .first<{ number: number | null; email: string | null; timezone: string; locale: string }>();
  return {
    number: row?.number ?? null,
    shopEmail: row?.email ?? null,
    timezone: row?.timezone ?? 'UTC',
    locale: row?.locale ?? 'en',
  };
}

/**
 * Records the firings of one alarm run. `state` is the clock AFTER them (tier, priority, breaches),
 * `recordedAt` the time the alarm ran. Without a shop row (a clock whose case was deleted) only the
 * audit event and case row are written.
 */
export async function recordFirings(
  s: Services,
  state: ClockState,
  firings: SlaFiring[],
  recordedAt: number,
): Promise<void> {
  const facts = await caseFacts(s, state);
  const rules = state.sla.escalation;
  const recipients = rules.alertEmails.length > 0 ? rules.alertEmails : facts.shopEmail ? [facts.shopEmail] : [];
  const caseNumber = facts.number !== null ? `R-${facts.number}` : state.caseId;
  const caseUrl = `${s.settings.PUBLIC_URL ?? ''}/admin/cases/${state.caseId}`;
  const statements: D1PreparedStatement[] = [];
  const jobs: JobMessage[] = [];
  const localeOf = await recipientLocaleResolver(s, state.shopId, facts.locale);
  for (const f of firings) {
    const key = firingKey(state.caseId, f);
    statements.push(...eventStatements(s, state, f, await eventId(key), recordedAt));
    if (facts.number === null) continue;
    for (const recipient of recipients) {
      const locale = localeOf(recipient);
      const vars = {
        case_number: caseNumber,
        target: targetLabel[f.target],
        due_at: formatDue(f.dueAt, facts.timezone, locale),
        case_url: caseUrl,
      };
      const dedupeKey = `${key}:${recipient}`;
      statements.push(
        await prepareNotification(s, {
          shopId: state.shopId,
          kind: f.kind === 'warning' ? 'sla_warning' : 'sla_breach',
          recipient,
          locale,
          vars,
          dedupeKey,
          caseId: state.caseId,
        }),
      );
      jobs.push({ kind: 'deliver-notification', shopId: state.shopId, dedupeKey });
    }
    if (rules.webhookUrl) {
      const dedupeKey = `${key}:webhook`;
      const payload = {
        caseId: state.caseId,
        caseNumber,
        kind: f.kind,
        target: f.target,
        dueAt: f.dueAt,
        recordedAt,
        tier: state.tier,
        priority: state.priority,
        escalation: f.escalation,
      };
      statements.push(
        prepareOutboundWebhook(s, {
          shopId: state.shopId,
          url: rules.webhookUrl,
          event: `sla.${f.kind}`,
          payload,
          dedupeKey,
          caseId: state.caseId,
        }),
      );
      jobs.push({ kind: 'outbound-webhook', shopId: state.shopId, dedupeKey });
    }
  }
  const escalated = firings.some((f) => f.escalation !== null);
  statements.push(mirrorStatement(s, state, recordedAt, escalated));
  // Durable delivery: the sweep sends these when due even if the enqueue below is lost.
  for (const job of jobs) statements.push(scheduleJob(s, job, recordedAt));
  await s.d1(state.shopId).batch(statements);
  // A raised tier may take the case from its assignee to the next tier's members.
  if (escalated)
    await s.dispatcher.escalated(state.shopId, state.caseId).catch((err: unknown) =>
      log({
        kind: 'alarm',
        outcome: 'retry',
        durationMs: 0,
        caseId: state.caseId,
        dispatch: 'escalated',
        error: String(err),
      }),
    );
  for (const job of jobs) {
    await enqueueJob(s, job).catch((err: unknown) =>
      log({ kind: 'alarm', outcome: 'retry', durationMs: 0, caseId: state.caseId, job: job.kind, error: String(err) }),
    );
  }
}
