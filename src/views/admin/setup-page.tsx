/**
 * The first-run checklist: a list whose every item says its state in words (not only a colour),
 * with a link to the screen where it is done. Shown on `/admin/setup` and, while open and not
 * skipped, first on the queue (`SetupCard`).
 */
import type { SetupChecklist, SetupItem } from '../../admin/setup-checklist';
import type { AdminKey } from '../../i18n/admin';
import { useAdmin } from './i18n';
import { AdminShell, Csrf, Flash } from './shell';

const label = (item: SetupItem, part: '' | '.hint' | '.action') => `setup.item.${item.key}${part}` as AdminKey;

function SetupList(props: { checklist: SetupChecklist }) {
  const { t } = useAdmin();
  return (
    <ol class="setup" aria-label={t('setup.listLabel')}>
      {props.checklist.items.map((item) => (
        <li data-setup-item={item.key} data-done={String(item.done)}>
          <span class={item.done ? 'pill ok' : 'pill warn'}>
            {item.done ? t('setup.state.done') : t('setup.state.open')}
          </span>{' '}
          <strong>{t(label(item, ''))}</strong>
          <br />
          <span class="muted">{t(label(item, '.hint'))}</span>{' '}
          {item.done && item.key === 'shopify' ? null : <a href={item.href}>{t(label(item, '.action'))}</a>}
        </li>
      ))}
    </ol>
  );
}

function Progress(props: { checklist: SetupChecklist }) {
  const { t } = useAdmin();
  const total = props.checklist.items.length;
  return <p>{t('setup.progress', { done: String(total - props.checklist.open), total: String(total) })}</p>;
}

/** "Skip for now": a plain form post, so it works without JavaScript. */
function DismissForm(props: { csrf: string }) {
  const { t } = useAdmin();
  return (
    <form method="post" action="/admin/setup/dismiss">
      <Csrf token={props.csrf} />
      <button class="secondary" type="submit" aria-describedby="setup-dismiss-hint">
        {t('setup.dismiss')}
      </button>{' '}
      <span class="muted" id="setup-dismiss-hint">
        {t('setup.dismissHint')}
      </span>
    </form>
  );
}

/** The checklist at the top of the queue; only members who may skip it (managers, owners) see it there. */
export function SetupCard(props: { checklist: SetupChecklist; csrf: string }) {
  const { t } = useAdmin();
  return (
    <section class="card" aria-labelledby="setup-card-title">
      <h2 id="setup-card-title">{t('setup.title')}</h2>
      <Progress checklist={props.checklist} />
      <SetupList checklist={props.checklist} />
      <DismissForm csrf={props.csrf} />
      <p>
        <a href="/admin/setup">{t('setup.openPage')}</a>
      </p>
    </section>
  );
}

export interface SetupPageProps {
  shop: string;
  csrf: string;
  checklist: SetupChecklist;
  /** The member may skip the list (manager or owner). */
  canDismiss: boolean;
  notice?: 'dismissed' | undefined;
}

export function SetupPage(p: SetupPageProps) {
  const { t } = useAdmin();
  const showDismiss = p.canDismiss && p.checklist.open > 0 && p.checklist.dismissedAt === null;
  return (
    <AdminShell title={t('setup.title')} path="/admin/setup" shop={p.shop} csrf={p.csrf}>
      <h1>{t('setup.title')}</h1>
      <Flash ok={p.notice === 'dismissed' ? t('setup.dismissed') : undefined} />
      <p>{p.checklist.open === 0 ? t('setup.allDone') : t('setup.intro')}</p>
      <Progress checklist={p.checklist} />
      <SetupList checklist={p.checklist} />
      {showDismiss ? <DismissForm csrf={p.csrf} /> : null}
    </AdminShell>
  );
}
