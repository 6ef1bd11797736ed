import type { CaseDetail } from '../../admin/case-detail';
import type { CaseKnowledge } from '../../admin/case-knowledge';
import type { CaseMacro } from '../../admin/case-macros';
import type { CaseSteps } from '../../admin/case-next-steps';
import type { ProcedureRow } from '../../admin/case-procedure';
import type { ThreadEntry } from '../../admin/case-thread';
import type { SlaMarker } from '../../admin/sla-marker';
import type { AdminKey } from '../../i18n/admin';
import type { PendingHeld } from '../../team/money-approval';
import type { MemberRow } from '../../team/members';
import type { ItemVariants } from './case-action-fields';
import { NextSteps } from './case-actions';
import { adminKeysScript } from '../inline-scripts';
import { Conversation, type ReplyDraft } from './case-conversation';
import { CustomerCard, OrderCard, SlaCard } from './case-facts';
import { HeldMoney } from './case-held-money';
import { ItemsCard } from './case-items';
import { ProcedureCard } from './case-procedure';
import { Timeline } from './case-timeline';
import { AssignForm } from './assign-form';
import { useAdmin } from './i18n';
import { AdminShell, Flash } from './shell';

export interface CasePageProps {
  shop: string;
  csrf: string;
  d: CaseDetail;
  sla: SlaMarker;
  steps: CaseSteps;
  variants: ItemVariants;
  thread: ThreadEntry[];
  draft: ReplyDraft;
  kb: CaseKnowledge;
  macros: CaseMacro[];
  procedure: ProcedureRow[];
  /** Held money this member may approve or decline. */
  decidable: ReadonlySet<PendingHeld['requestId']>;
  /** The shop's members: the assign form, and names for the ids on the timeline. */
  members: MemberRow[];
  notice?: string | undefined;
  error?: string | undefined;
}

/**
 * The case page leads with what to do: money waiting for a manager, the next step, the conversation;
 * the facts (SLA, customer, order, items), assignment, procedure and timeline follow.
 */
export function CasePage(p: CasePageProps) {
  const { t } = useAdmin();
  const c = p.d.loaded.row;
  const names = Object.fromEntries(p.members.map((m) => [m.id, m.name]));
  return (
    <AdminShell title={`R-${c.number}`} path="/admin/cases" shop={p.shop} csrf={p.csrf}>
      <p>
        <a href="/admin">← {t('case.back')}</a>
      </p>
      <h1>
        R-{c.number} · {t(`case.type.${c.type}` as AdminKey)} ·{' '}
        <span data-status={c.status}>{t(`case.status.${c.status}` as AdminKey)}</span>
      </h1>
      <Flash ok={p.notice} error={p.error} />
      <HeldMoney caseId={c.id} csrf={p.csrf} held={p.d.held} decidable={p.decidable} names={names} />
      <NextSteps csrf={p.csrf} d={p.d} steps={p.steps} variants={p.variants} />
      <Conversation
        caseId={c.id}
        csrf={p.csrf}
        thread={p.thread}
        names={names}
        draft={p.draft}
        macros={p.macros}
        kb={p.kb}
      />
      <div class="grid">
        <SlaCard d={p.d} sla={p.sla} />
        <CustomerCard d={p.d} />
        <OrderCard d={p.d} />
      </div>
      <ItemsCard d={p.d} csrf={p.csrf} />
      <AssignForm csrf={p.csrf} caseId={c.id} assignee={c.assigneeId} members={p.members} />
      <ProcedureCard caseId={c.id} csrf={p.csrf} steps={p.procedure} names={names} />
      <Timeline d={p.d} names={names} />
      <script dangerouslySetInnerHTML={{ __html: adminKeysScript }} />
    </AdminShell>
  );
}
