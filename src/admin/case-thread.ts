/**
 * The conversation as the case page shows it: the customer's messages (email, the shopper's page),
 * our replies, and the team's internal notes between them, oldest first. A note that ticks a
 * procedure step is the procedure's record, not part of the conversation.
 */
import type { CaseMessage } from '../conversations/message-queries';
import type { CaseDetail } from './case-detail';

export interface ThreadEntry {
  id: string;
  /** `in` from the customer, `out` to the customer, `note` for the team only. */
  kind: 'in' | 'out' | 'note';
  channel: string;
  /** An address, or the member (actor) who wrote the note. */
  from: string;
  subject: string;
  text: string;
  at: number;
  attachments: CaseMessage['attachments'];
}

const PROCEDURE_TICK = /\[step:[a-z0-9.-]+\]$/;

export function caseThread(d: Pick<CaseDetail, 'messages' | 'events'>): ThreadEntry[] {
  const messages: ThreadEntry[] = d.messages.map((m) => ({
    id: m.id,
    kind: m.internal ? 'note' : m.direction,
    channel: m.channel,
    from: m.fromName ? `${m.fromName} <${m.from}>` : m.from,
    subject: m.subject,
    text: m.text,
    at: m.at,
    attachments: m.attachments,
  }));
  const notes: ThreadEntry[] = d.events
    .filter((e) => e.type === 'NoteAdded' && e.reason && !PROCEDURE_TICK.test(e.reason))
    .map((e) => ({
      id: e.id,
      kind: 'note',
      channel: 'note',
      from: e.actor,
      subject: '',
      text: e.reason ?? '',
      at: e.at,
      attachments: [],
    }));
  return [...messages, ...notes].sort((a, b) => a.at - b.at);
}
