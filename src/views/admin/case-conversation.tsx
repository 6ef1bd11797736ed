import type { CaseKnowledge } from '../../admin/case-knowledge';
import type { CaseMacro } from '../../admin/case-macros';
import type { ThreadEntry } from '../../admin/case-thread';
import type { AdminKey } from '../../i18n/admin';
import { shortcutKeys } from './case-actions';
import { KnowledgeSearch } from './case-knowledge';
import { MacroPicker, macroEffects } from './case-macros';
import { useAdmin, When } from './i18n';
import { Csrf } from './shell';

/** What the reply box starts with: a one-time key (a second submit acts once), text, the macro it came from. */
export interface ReplyDraft {
  key: string;
  text: string;
  macro: CaseMacro | null;
}

export interface ConversationProps {
  caseId: string;
  csrf: string;
  thread: ThreadEntry[];
  names: Record<string, string>;
  draft: ReplyDraft;
  macros: CaseMacro[];
  kb: CaseKnowledge;
}

/** The case's messages and notes, oldest first, and the box to answer the customer or note for the team. */
export function Conversation(p: ConversationProps) {
  const { t } = useAdmin();
  return (
    <section class="card" aria-labelledby="conversation">
      <h2 id="conversation">{t('case.conversation')}</h2>
      {p.thread.length === 0 ? <p class="muted">{t('case.conversation.empty')}</p> : null}
      <ol class="timeline thread">
        {p.thread.map((m) => (
          <Message entry={m} names={p.names} />
        ))}
      </ol>
      <ReplyForm caseId={p.caseId} csrf={p.csrf} draft={p.draft} />
      <div class="grid">
        <MacroPicker caseId={p.caseId} macros={p.macros} />
        <KnowledgeSearch caseId={p.caseId} kb={p.kb} />
      </div>
    </section>
  );
}

function Message({ entry: m, names }: { entry: ThreadEntry; names: Record<string, string> }) {
  const { t } = useAdmin();
  return (
    <li data-message={m.kind} id={`m-${m.id}`}>
      <strong>{t(`case.message.${m.kind}` as AdminKey)}</strong> · {names[m.from] ?? m.from} · <When at={m.at} />
      {m.channel !== 'email' && m.channel !== 'note' ? <span class="pill">{m.channel}</span> : null}
      {m.subject ? (
        <>
          <br />
          <span class="muted">{m.subject}</span>
        </>
      ) : null}
      <pre>{m.text}</pre>
      {m.attachments.length ? (
        <p class="muted">
          {t('case.message.attachments')} {m.attachments.map((a) => a.name).join(', ')}
        </p>
      ) : null}
    </li>
  );
}

function ReplyForm({ caseId, csrf, draft }: { caseId: string; csrf: string; draft: ReplyDraft }) {
  const { t } = useAdmin();
  const effects = draft.macro ? macroEffects(t, draft.macro) : '';
  return (
    <form method="post" action={`/admin/cases/${caseId}/reply`} data-form="reply">
      <Csrf token={csrf} />
      <input type="hidden" name="key" value={draft.key} />
      {draft.macro ? <input type="hidden" name="macro" value={draft.macro.id} /> : null}
      <label for="reply-body">{t('case.reply.label')}</label>
      <textarea
        id="reply-body"
        name="body"
        rows={6}
        required
        accesskey={shortcutKeys.reply}
        data-key={shortcutKeys.reply}
      >
        {draft.text}
      </textarea>
      {draft.macro ? (
        <p class="muted" data-macro={draft.macro.id}>
          {t('case.reply.fromMacro', { name: draft.macro.name })}
          {effects ? ` ${t('case.reply.macroAlso', { effects })}` : ''}
        </p>
      ) : null}
      <div class="row">
        <button type="submit" name="kind" value="reply">
          {t('case.reply.send')}
        </button>{' '}
        <button
          type="submit"
          name="kind"
          value="note"
          class="secondary"
          accesskey={shortcutKeys.note}
          data-key={shortcutKeys.note}
        >
          {t('case.reply.note')}
        </button>
      </div>
    </form>
  );
}
