import type { CaseDetail } from '../../admin/case-detail';
import type { SlaMarker } from '../../admin/sla-marker';
import type { CaseKnowledge } from '../../admin/case-knowledge';
import type { CaseMacro } from '../../admin/case-macros';
import type { ProcedureRow } from '../../admin/case-procedure';
import { CaseActions, type CannedReply } from './case-actions';
import { merchantEventLabel } from './event-labels';
import { KnowledgeSearch } from './case-knowledge';
import { MacrosCard } from './case-macros';
import { ProcedureCard } from './case-procedure';
import { dateTime, money } from './format';
import { AdminShell, Flash } from './shell';
import { AssignForm } from './assign-form';
import type { MemberRow } from '../../team/members';

export interface CasePageProps {
  shop: string;
  csrf: string;
  d: CaseDetail;
  sla: SlaMarker;
  canned: CannedReply[];
  kb: CaseKnowledge;
  macros: CaseMacro[];
  procedure: ProcedureRow[];
  /** The shop's members, for the assign form. */
  members?: MemberRow[] | undefined;
  notice?: string | undefined;
  error?: string | undefined;
}

export function CasePage({ shop, csrf, d, sla, canned, kb, macros, procedure, members, notice, error }: CasePageProps) {
  const c = d.loaded.row;
  const lineOf = new Map(d.lines.map((l) => [l.id, l]));
  return (
    <AdminShell title={`Case R-${c.number}`} path="/admin/cases" shop={shop} csrf={csrf}>
      <p>
        <a href="/admin">← Queue</a>
      </p>
      <h1>
        R-{c.number} · {c.type} · <span data-status={c.status}>{c.status.replaceAll('_', ' ')}</span>
      </h1>
      <Flash ok={notice} error={error} />
      <div class="grid">
        <section class="card" aria-labelledby="sla">
          <h2 id="sla">SLA</h2>
          <p>
            <span
              class={`pill ${sla.kind === 'breach' ? 'breach' : sla.kind === 'warn' ? 'warn' : sla.kind === 'ok' ? 'ok' : ''}`}
            >
              {sla.label}
            </span>
          </p>
          <table>
            <tr>
              <td>Priority · tier</td>
              <td>
                {c.priority} · T{c.tier}
              </td>
            </tr>
            <tr>
              <td>First response due</td>
              <td>
                {dateTime(c.firstResponseDueAt)}
                {c.firstRespondedAt ? ` (answered ${dateTime(c.firstRespondedAt)})` : ''}
              </td>
            </tr>
            <tr>
              <td>Next update due</td>
              <td>{dateTime(c.nextUpdateDueAt)}</td>
            </tr>
            <tr>
              <td>Resolution due</td>
              <td>{dateTime(c.resolutionDueAt)}</td>
            </tr>
            <tr>
              <td>Breaches</td>
              <td>{c.breaches.length ? c.breaches.join(', ') : 'none'}</td>
            </tr>
            <tr>
              <td>Paused</td>
              <td>{c.slaPausedAt ? `since ${dateTime(c.slaPausedAt)}` : 'no'}</td>
            </tr>
          </table>
        </section>
        <section class="card" aria-labelledby="cust">
          <h2 id="cust">Customer</h2>
          {d.customer ? (
            <p>
              {[d.customer.firstName, d.customer.lastName].filter(Boolean).join(' ') || '(no name)'}{' '}
              {d.customer.vip ? <span class="pill warn">VIP</span> : null}
              <br />
              {d.customer.email ?? d.order?.email ?? ''}
              <br />
              <span class="muted">{d.customer.tags.join(', ')}</span>
            </p>
          ) : (
            <p>{d.order?.email ?? 'Unknown customer'}</p>
          )}
          <h2>Other cases</h2>
          {d.history.length === 0 ? <p class="muted">None.</p> : null}
          <ul>
            {d.history.map((h) => (
              <li>
                <a href={`/admin/cases/${h.id}`}>R-{h.number}</a> {h.type} · {h.status} · {dateTime(h.createdAt)}
              </li>
            ))}
          </ul>
        </section>
        <section class="card" aria-labelledby="order">
          <h2 id="order">Order {d.order?.name ?? ''}</h2>
          {d.order ? (
            <p>
              {money(d.order.totalMinor, d.order.currency)} · {d.order.financialStatus ?? ''} · placed{' '}
              {dateTime(d.order.processedAt)}
            </p>
          ) : (
            <p class="muted">No order.</p>
          )}
          {d.shipments.map((x) => (
            <p>
              {x.carrier ?? 'carrier?'}: {x.status}{' '}
              {x.deliveredAt
                ? `· delivered ${dateTime(x.deliveredAt)}`
                : x.estimatedDeliveryAt
                  ? `· expected ${dateTime(x.estimatedDeliveryAt)}`
                  : ''}
            </p>
          ))}
          <p>
            Resolution: {c.resolution ?? '—'} · method: {c.method ?? '—'}
          </p>
          <p>
            Refund {money(c.refundMinor, c.currency)} · credit {money(c.creditMinor, c.currency)} · fees{' '}
            {money(c.feeMinor, c.currency)}
          </p>
          {d.loaded.refunds.map((r) => (
            <p>
              {r.kind} {money(r.amountMinor, r.currency)} via {r.provider}: <strong>{r.status}</strong>
            </p>
          ))}
          {d.pickups.map((p) => (
            <p>
              Pickup {p.carrier}: {p.status} {p.confirmation ?? ''}
            </p>
          ))}
          {d.survey ? (
            <p>
              Survey ({d.survey.kind}): {d.survey.score ?? d.survey.status}{' '}
              {d.survey.comment ? `“${d.survey.comment}”` : ''}
            </p>
          ) : null}
        </section>
      </div>
      <section class="card" aria-labelledby="items">
        <h2 id="items">Items</h2>
        <table>
          <tr>
            <th>Item</th>
            <th class="num">Qty</th>
            <th>Reason</th>
            <th>Condition</th>
            <th>Photos</th>
          </tr>
          {d.loaded.items.map((i) => {
            const line = i.orderLineId ? lineOf.get(i.orderLineId) : undefined;
            return (
              <tr>
                <td>
                  {i.title ?? line?.title ?? i.sku}
                  {line?.variantTitle ? ` (${line.variantTitle})` : ''}
                  <br />
                  <span class="muted">
                    {i.sku ?? ''} · {money(i.unitPriceMinor, c.currency)}
                  </span>
                  {i.note ? (
                    <>
                      <br />“{i.note}”
                    </>
                  ) : null}
                </td>
                <td class="num">{i.quantity}</td>
                <td>{i.reason.replaceAll('_', ' ')}</td>
                <td>{i.condition ?? '—'}</td>
                <td class="photos">
                  {i.photoKeys.map((k) => (
                    <a href={`/admin/photos/${c.id}/${encodeURIComponent(k)}`}>
                      <img
                        src={`/admin/photos/${c.id}/${encodeURIComponent(k)}`}
                        alt={`${i.title ?? 'Item'}, as the shopper sent it`}
                      />
                    </a>
                  ))}
                </td>
              </tr>
            );
          })}
        </table>
        <p>
          Tags: {c.tags.length ? c.tags.map((t) => <span class="pill">{t}</span>) : <span class="muted">none</span>}
        </p>
      </section>
      {members ? <AssignForm csrf={csrf} caseId={c.id} assignee={c.assigneeId} members={members} /> : null}
      <ProcedureCard caseId={c.id} csrf={csrf} steps={procedure} />
      <KnowledgeSearch caseId={c.id} kb={kb} />
      <MacrosCard caseId={c.id} csrf={csrf} macros={macros} />
      <CaseActions csrf={csrf} d={d} canned={canned} insert={kb.insert} />
      <section class="card" aria-labelledby="timeline">
        <h2 id="timeline">Timeline</h2>
        <ol class="timeline">
          {d.events.map((e) => (
            <li data-event={e.type}>
              <strong>{merchantEventLabel(e.type)}</strong> · {e.actor} · {dateTime(e.at)}
              {e.fromStatus || e.toStatus ? ` · ${e.fromStatus ?? '∅'} → ${e.toStatus ?? ''}` : ''}
              {e.reason ? (
                <>
                  <br />
                  {e.reason}
                </>
              ) : null}
            </li>
          ))}
        </ol>
        <h2>Messages</h2>
        <ul>
          {d.notifications.map((n) => (
            <li>
              {dateTime(n.createdAt)} · {n.kind} to {n.recipient}: “{n.subject}” <span class="pill">{n.status}</span>
            </li>
          ))}
        </ul>
      </section>
    </AdminShell>
  );
}
