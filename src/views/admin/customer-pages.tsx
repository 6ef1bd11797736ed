/**
 * The customer list and the one file per customer (一人一档): who they are, their orders, every case
 * from every channel, the messages, their satisfaction and what they returned and got back.
 */
import type { CustomerListItem } from '../../conversations/customer-list';
import type { customerProfile360 } from '../../conversations/customer-profile';
import type { AdminKey } from '../../i18n/admin';
import { useAdmin, When } from './i18n';
import { AdminShell } from './shell';

export type CustomerProfile = NonNullable<Awaited<ReturnType<typeof customerProfile360>>>;
type Row = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const num = (v: unknown) => (typeof v === 'number' ? v : null);
/** The number at the end of a Shopify gid (`gid://shopify/Customer/42` → 42), as merchants see it. */
const shopifyNumber = (gid: string | null) => (gid ? (gid.split('/').pop() ?? gid) : null);

/** A label from the catalog when it has one for this value, else the value itself. */
function useLabel() {
  const { t } = useAdmin();
  return (prefix: string, value: unknown) => {
    const key = `${prefix}${String(value)}` as AdminKey;
    const text = t(key);
    return text === key ? String(value ?? '') : text;
  };
}

export interface CustomersPageProps {
  shop: string;
  csrf: string;
  q: string;
  customers: CustomerListItem[];
  nextBefore: string | null;
}

export function CustomersPage(p: CustomersPageProps) {
  const { t, number } = useAdmin();
  const older =
    p.nextBefore === null ? null : `/admin/customers?${new URLSearchParams({ q: p.q, before: p.nextBefore })}`;
  return (
    <AdminShell title={t('customers.title')} path="/admin/customers" shop={p.shop} csrf={p.csrf}>
      <h1>{t('customers.title')}</h1>
      <form method="get" action="/admin/customers" class="filters">
        <label>
          {t('customers.search')}
          <br />
          <input type="search" name="q" value={p.q} placeholder={t('customers.searchHint')} maxlength={200} />
        </label>
        <button type="submit">{t('customers.searchButton')}</button>
      </form>
      {p.customers.length === 0 ? (
        <p class="muted">{p.q ? t('customers.noneFound', { q: p.q }) : t('customers.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('customers.col.name')}</th>
              <th scope="col">{t('customers.col.email')}</th>
              <th scope="col">{t('customers.col.shopify')}</th>
              <th scope="col" class="num">
                {t('customers.col.orders')}
              </th>
              <th scope="col" class="num">
                {t('customers.col.cases')}
              </th>
              <th scope="col" class="num">
                {t('customers.col.open')}
              </th>
              <th scope="col">{t('customers.col.since')}</th>
            </tr>
          </thead>
          <tbody>
            {p.customers.map((c) => (
              <tr>
                <td>
                  <a href={`/admin/customers/${encodeURIComponent(c.id)}`}>
                    {c.redacted ? t('customers.erased') : (c.name ?? t('customers.noName'))}
                  </a>{' '}
                  {c.vip ? <span class="pill warn">{t('customers.vip')}</span> : null}
                </td>
                <td>{c.email ?? t('common.none')}</td>
                <td>{shopifyNumber(c.platformId) ?? t('common.none')}</td>
                <td class="num">{number(c.orders)}</td>
                <td class="num">{number(c.cases)}</td>
                <td class="num">{number(c.openCases)}</td>
                <td>
                  <When at={c.since} time={false} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {older ? (
        <p>
          <a href={older}>{t('customers.older')} →</a>
        </p>
      ) : null}
    </AdminShell>
  );
}

export function CustomerNotFoundPage(p: { shop: string; csrf: string; id: string }) {
  const { t } = useAdmin();
  return (
    <AdminShell title={t('customers.title')} path="/admin/customers" shop={p.shop} csrf={p.csrf}>
      <p>
        <a href="/admin/customers">{t('customers.back')}</a>
      </p>
      <h1>{t('customers.title')}</h1>
      <p class="error" role="alert">
        {t('customers.notFound', { id: p.id })}
      </p>
    </AdminShell>
  );
}

export function CustomerProfilePage(p: { shop: string; csrf: string; profile: CustomerProfile }) {
  const { t } = useAdmin();
  const c = p.profile.customer;
  const title = c.name ?? c.email ?? t('customers.noName');
  const caseNumbers = new Map(p.profile.cases.map((k) => [str(k.id), str(k.number)]));
  return (
    <AdminShell title={title} path="/admin/customers" shop={p.shop} csrf={p.csrf}>
      <p>
        <a href="/admin/customers">{t('customers.back')}</a>
      </p>
      <h1>
        {title} {c.vip ? <span class="pill warn">{t('customers.vip')}</span> : null}
      </h1>
      <div class="grid">
        <Identity profile={p.profile} />
        <Figures profile={p.profile} />
      </div>
      <CasesTable cases={p.profile.cases} />
      <MessagesTimeline messages={p.profile.messages} caseNumbers={caseNumbers} />
      <OrdersTable orders={p.profile.orders} />
      <SurveysTable surveys={p.profile.surveys} />
      <RefundsTable refunds={p.profile.refunds} />
    </AdminShell>
  );
}

function Identity({ profile }: { profile: CustomerProfile }) {
  const { t } = useAdmin();
  const c = profile.customer;
  return (
    <section class="card" aria-labelledby="identity">
      <h2 id="identity">{t('customers.identity')}</h2>
      <table>
        <tr>
          <th scope="row">{t('customers.emails')}</th>
          <td>{c.emails.length ? c.emails.map((e) => <div>{e}</div>) : t('common.none')}</td>
        </tr>
        <tr>
          <th scope="row">{t('customers.shopifyId')}</th>
          <td>{shopifyNumber(c.platformId) ?? <span class="muted">{t('customers.notInShopify')}</span>}</td>
        </tr>
        <tr>
          <th scope="row">{t('customers.ourId')}</th>
          <td>
            <code>{c.id}</code>
            {c.mergedIds.length ? (
              <div class="muted">{t('customers.merged', { ids: c.mergedIds.join(', ') })}</div>
            ) : null}
          </td>
        </tr>
        <tr>
          <th scope="row">{t('customers.language')}</th>
          <td>{c.locale ?? t('common.none')}</td>
        </tr>
        <tr>
          <th scope="row">{t('customers.tags')}</th>
          <td>{c.tags.length ? c.tags.join(', ') : t('common.none')}</td>
        </tr>
        <tr>
          <th scope="row">{t('customers.since')}</th>
          <td>
            <When at={c.since} time={false} />
          </td>
        </tr>
      </table>
    </section>
  );
}

function Figures({ profile }: { profile: CustomerProfile }) {
  const { t, number, percent, money } = useAdmin();
  const f = profile.figures;
  const sums = (list: Array<{ amount: number; currency: string }>) =>
    list.length ? list.map((m) => money(m)).join(' · ') : t('common.none');
  return (
    <section class="card" aria-labelledby="figures">
      <h2 id="figures">{t('customers.figures')}</h2>
      <table>
        <tr>
          <th scope="row">{t('customers.fig.orders')}</th>
          <td class="num">{number(f.orders)}</td>
        </tr>
        <tr>
          <th scope="row">{t('customers.fig.returns')}</th>
          <td class="num">{number(f.returns)}</td>
        </tr>
        <tr>
          <th scope="row">{t('customers.fig.returnRate')}</th>
          <td class="num">{percent(f.returnRate)}</td>
        </tr>
        <tr>
          <th scope="row">{t('customers.fig.spent')}</th>
          <td class="num">{sums(f.spent)}</td>
        </tr>
        <tr>
          <th scope="row">{t('customers.fig.refunded')}</th>
          <td class="num">{sums(f.refunded)}</td>
        </tr>
      </table>
    </section>
  );
}

function CasesTable({ cases }: { cases: Row[] }) {
  const { t } = useAdmin();
  const label = useLabel();
  return (
    <section class="card" aria-labelledby="cases">
      <h2 id="cases">{t('customers.cases')}</h2>
      {cases.length === 0 ? (
        <p class="muted">{t('customers.noCases')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('customers.case.number')}</th>
              <th scope="col">{t('customers.case.type')}</th>
              <th scope="col">{t('customers.case.status')}</th>
              <th scope="col">{t('customers.case.priority')}</th>
              <th scope="col">{t('customers.case.channel')}</th>
              <th scope="col">{t('customers.case.opened')}</th>
              <th scope="col">{t('customers.case.closed')}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((k) => (
              <tr>
                <td>
                  <a href={`/admin/cases/${encodeURIComponent(String(k.id))}`}>{str(k.number)}</a>
                </td>
                <td>{label('customers.type.', k.type)}</td>
                <td data-status={str(k.status)}>{label('customers.status.', k.status)}</td>
                <td>{label('customers.priority.', k.priority)}</td>
                <td>{label('customers.source.', k.source)}</td>
                <td>
                  <When at={num(k.created_at)} />
                </td>
                <td>
                  <When at={num(k.closed_at)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function MessagesTimeline(p: {
  messages: CustomerProfile['messages'];
  caseNumbers: Map<string | null, string | null>;
}) {
  const { t } = useAdmin();
  return (
    <section class="card" aria-labelledby="messages">
      <h2 id="messages">{t('customers.messages')}</h2>
      {p.messages.length === 0 ? (
        <p class="muted">{t('customers.noMessages')}</p>
      ) : (
        <ol class="timeline">
          {p.messages.map((m) => (
            <li>
              <strong>
                {m.internal
                  ? t('customers.msg.internal')
                  : m.direction === 'in'
                    ? t('customers.msg.in')
                    : t('customers.msg.out')}
              </strong>{' '}
              · <When at={m.at} /> ·{' '}
              <a href={`/admin/cases/${encodeURIComponent(m.caseId)}`}>
                {t('customers.msg.onCase', { case: p.caseNumbers.get(m.caseId) ?? m.caseId })}
              </a>
              <div class="muted">
                {m.fromName ? `${m.fromName} <${m.from}>` : m.from}
                {m.subject ? ` — ${m.subject}` : ''}
              </div>
              <div>{m.text.length > 600 ? `${m.text.slice(0, 600)}…` : m.text}</div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function OrdersTable({ orders }: { orders: Row[] }) {
  const { t, money } = useAdmin();
  return (
    <section class="card" aria-labelledby="orders">
      <h2 id="orders">{t('customers.orders')}</h2>
      {orders.length === 0 ? (
        <p class="muted">{t('customers.noOrders')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('customers.order.name')}</th>
              <th scope="col">{t('customers.order.placed')}</th>
              <th scope="col" class="num">
                {t('customers.order.total')}
              </th>
              <th scope="col">{t('customers.order.payment')}</th>
              <th scope="col">{t('customers.order.fulfillment')}</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr>
                <td>{str(o.name)}</td>
                <td>
                  <When at={num(o.processed_at)} time={false} />
                </td>
                <td class="num">{money({ amount: num(o.total_minor) ?? 0, currency: str(o.currency) ?? 'USD' })}</td>
                <td>{str(o.financial_status) ?? t('common.none')}</td>
                <td>{str(o.fulfillment_status) ?? t('common.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function SurveysTable({ surveys }: { surveys: Row[] }) {
  const { t } = useAdmin();
  return (
    <section class="card" aria-labelledby="surveys">
      <h2 id="surveys">{t('customers.satisfaction')}</h2>
      {surveys.length === 0 ? (
        <p class="muted">{t('customers.noSurveys')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('customers.survey.kind')}</th>
              <th scope="col" class="num">
                {t('customers.survey.score')}
              </th>
              <th scope="col">{t('customers.survey.answered')}</th>
              <th scope="col">{t('customers.survey.comment')}</th>
            </tr>
          </thead>
          <tbody>
            {surveys.map((v) => {
              const score = num(v.score);
              return (
                <tr>
                  <td>{(str(v.kind) ?? '').toUpperCase()}</td>
                  <td class="num">
                    {score === null ? <span class="muted">{t('customers.survey.notAnswered')}</span> : score}{' '}
                    {v.low === true ? <span class="pill breach">{t('customers.survey.low')}</span> : null}
                  </td>
                  <td>
                    <When at={num(v.answered_at)} />
                  </td>
                  <td>{str(v.comment) ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RefundsTable({ refunds }: { refunds: Row[] }) {
  const { t, money } = useAdmin();
  const label = useLabel();
  return (
    <section class="card" aria-labelledby="refunds">
      <h2 id="refunds">{t('customers.refunds')}</h2>
      {refunds.length === 0 ? (
        <p class="muted">{t('customers.noRefunds')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col" class="num">
                {t('customers.refund.amount')}
              </th>
              <th scope="col">{t('customers.refund.kind')}</th>
              <th scope="col">{t('customers.refund.status')}</th>
              <th scope="col">{t('customers.refund.at')}</th>
            </tr>
          </thead>
          <tbody>
            {refunds.map((r) => (
              <tr>
                <td class="num">{money({ amount: num(r.amount_minor) ?? 0, currency: str(r.currency) ?? 'USD' })}</td>
                <td>{label('customers.refund.', r.kind)}</td>
                <td>{str(r.status)}</td>
                <td>
                  <When at={num(r.created_at)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
