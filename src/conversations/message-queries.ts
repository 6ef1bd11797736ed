/** Reading a case's conversation: for the agent (everything), for the shopper (public messages only). */
import type { MessageAttachment } from '../db/schema';
import type { Services } from '../services';

interface MessageDbRow {
  id: string;
  direction: 'in' | 'out';
  channel: string;
  message_id: string;
  from_address: string;
  from_name: string | null;
  to_addresses: string;
  subject: string;
  text: string;
  full_text: string;
  attachments: string;
  internal: number;
  references: string;
  at: number;
}

export interface CaseMessage {
  id: string;
  direction: 'in' | 'out';
  channel: string;
  from: string;
  fromName: string | null;
  to: string[];
  subject: string;
  /** The new text (quoted history folded away); `fullText` keeps everything. */
  text: string;
  fullText: string;
  at: number;
  attachments: Array<Pick<MessageAttachment, 'name' | 'type' | 'size' | 'inline'>>;
  internal: boolean;
}

const COLUMNS = `id, direction, channel, message_id, from_address, from_name, to_addresses, subject, text, full_text,
  attachments, internal, "references", at`;

function toMessage(r: MessageDbRow): CaseMessage {
  const attachments = JSON.parse(r.attachments) as MessageAttachment[];
  return {
    id: r.id,
    direction: r.direction,
    channel: r.channel,
    from: r.from_address,
    fromName: r.from_name,
    to: JSON.parse(r.to_addresses) as string[],
    subject: r.subject,
    text: r.text,
    fullText: r.full_text,
    at: r.at,
    attachments: attachments.map(({ name, type, size, inline }) => ({ name, type, size, inline })),
    internal: r.internal === 1,
  };
}

export async function caseMessages(
  s: Services,
  shopId: string,
  caseId: string,
  { publicOnly = false }: { publicOnly?: boolean } = {},
): Promise<CaseMessage[]> {
  const rows = await s
    .d1(shopId)
    .prepare(
      `SELECT ${COLUMNS} FROM messages WHERE shop_id = ? AND case_id = ? ${publicOnly ? 'AND internal = 0' : ''}
       ORDER BY at, rowid LIMIT 500`,
    )
    .bind(shopId, caseId)
    .all<MessageDbRow>();
  return rows.results.map(toMessage);
}

export interface ThreadTip {
  last: { messageId: string; references: string[] } | null;
  lastInbound: { fromAddress: string } | null;
  firstSubject: string | null;
}

/** What a reply needs: the newest message (to answer), the newest inbound one (its sender), the first subject. */
export async function latestMessages(s: Services, shopId: string, caseId: string): Promise<ThreadTip> {
  const d1 = s.d1(shopId);
  const [last, inbound, first] = await Promise.all([
    d1
      .prepare(
        `SELECT message_id, "references" FROM messages WHERE shop_id = ? AND case_id = ? AND internal = 0
         AND channel = 'email' ORDER BY at DESC, rowid DESC LIMIT 1`,
      )
      .bind(shopId, caseId)
      .first<{ message_id: string; references: string }>(),
    d1
      .prepare(
        `SELECT from_address FROM messages WHERE shop_id = ? AND case_id = ? AND direction = 'in' AND channel = 'email'
         ORDER BY at DESC, rowid DESC LIMIT 1`,
      )
      .bind(shopId, caseId)
      .first<{ from_address: string }>(),
    d1
      .prepare('SELECT subject FROM messages WHERE shop_id = ? AND case_id = ? ORDER BY at, rowid LIMIT 1')
      .bind(shopId, caseId)
      .first<{ subject: string }>(),
  ]);
  return {
    last: last ? { messageId: last.message_id, references: JSON.parse(last.references) as string[] } : null,
    lastInbound: inbound ? { fromAddress: inbound.from_address } : null,
    firstSubject: first?.subject || null,
  };
}
