/**
 * A customer's message on an existing case: the message row and a `MessageReceived` event, or, on
 * a case waiting for the customer, `CustomerReplied` (the case resumes and so does its SLA clock).
 * One versioned batch, retried on a lost race.
 */
import { type CaseEvent, decide, evolveAll, isDecideError } from '../cases/state-machine';
import { type CaseRow, caseChangeStatements, commitBatch, loadCase } from '../db/case-store';
import { AppError } from '../http/errors';
import { slaSignalFor, type Effect } from '../queue/effects';
import type { Services } from '../services';
import { raisePriority } from './intent';
import { messageStatement, type MessageRow } from './message-store';

const MAX_ATTEMPTS = 4;

/**
 * A customer writing again before anyone answered them is getting angry: one step up, once (a case
 * already raised this way, or already answered, keeps its priority).
 */
async function priorityAfter(
  s: Services,
  row: CaseRow,
  message: Omit<MessageRow, 'caseId'>,
): Promise<CaseRow['priority']> {
  if (message.direction !== 'in' || row.firstRespondedAt !== null || row.tags.includes(WROTE_AGAIN_TAG))
    return row.priority;
  const earlier = await s
    .d1(row.shopId)
    .prepare("SELECT COUNT(*) AS n FROM messages WHERE shop_id = ? AND case_id = ? AND direction = 'in'")
    .bind(row.shopId, row.id)
    .first<{ n: number }>();
  return (earlier?.n ?? 0) > 0 ? raisePriority(row.priority, { angry: true }) : row.priority;
}

export const WROTE_AGAIN_TAG = 'wrote-again-unanswered';

export async function appendCustomerMessage(
  s: Services,
  input: { shopId: string; caseId: string; actor: string; message: Omit<MessageRow, 'caseId'> },
): Promise<{ status: string; effects: Effect[] }> {
  for (let attempt = 1; ; attempt++) {
    const loaded = await loadCase(s, input.shopId, input.caseId);
    if (!loaded) throw new AppError('not_found', `No case ${input.caseId}.`, { why: { code: 'case_not_found' } });
    const at = input.message.at;
    const data = { messageId: input.message.id, channel: input.message.channel };
    const replied = decide(loaded.state, { type: 'customer_replied' }, { actor: input.actor, at, reason: null });
    const events: CaseEvent[] = isDecideError(replied)
      ? [
          {
            type: 'MessageReceived',
            from: loaded.state.status,
            to: loaded.state.status,
            actor: input.actor,
            reason: null,
            at,
            data,
          },
        ]
      : replied.map((e) => ({ ...e, data: { ...e.data, ...data } }));
    const after = evolveAll(loaded.state, events)!;
    const priority = await priorityAfter(s, loaded.row, input.message);
    const raised = priority !== loaded.row.priority;
    if (raised) events[0]!.data = { ...events[0]!.data, priorityRaised: priority };
    const tags = raised ? [...loaded.row.tags, WROTE_AGAIN_TAG] : loaded.row.tags;
    try {
      await commitBatch(
        s,
        input.shopId,
        caseChangeStatements(s, {
          shopId: input.shopId,
          caseId: input.caseId,
          expectedVersion: loaded.row.version,
          set: { status: after.status, resumeStatus: after.resumeStatus, priority, tags, updatedAt: at },
          events,
          statements: [messageStatement(s, { ...input.message, caseId: input.caseId })],
        }),
      );
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict' && attempt < MAX_ATTEMPTS) continue;
      throw err;
    }
    const signal = events[0]!.type === 'CustomerReplied' ? slaSignalFor(events[0]!.from, events[0]!.to) : null;
    // The shopper's word first: a resume that follows then finds the resolution clock free to run.
    const effects: Effect[] = [
      ...(input.message.direction === 'in'
        ? [
            {
              kind: 'sla' as const,
              shopId: input.shopId,
              caseId: input.caseId,
              signal: 'shopper_wrote' as const,
              priority,
              at,
            },
          ]
        : []),
      ...(signal ? [{ kind: 'sla' as const, shopId: input.shopId, caseId: input.caseId, signal, priority, at }] : []),
      ...(raised
        ? [
            {
              kind: 'sla' as const,
              shopId: input.shopId,
              caseId: input.caseId,
              signal: 'priority' as const,
              priority,
              at,
            },
          ]
        : []),
    ];
    return { status: after.status, effects };
  }
}
