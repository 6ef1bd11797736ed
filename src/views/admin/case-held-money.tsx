import type { AdminKey } from '../../i18n/admin';
import type { PendingHeld } from '../../team/money-approval';
import { useAdmin, When } from './i18n';
import { Csrf } from './shell';

export interface HeldMoneyProps {
  caseId: string;
  csrf: string;
  held: PendingHeld[];
  /** The requests this member may decide (a manager whose limit covers it, not the one who asked). */
  decidable: ReadonlySet<string>;
  names: Record<string, string>;
}

/** Money above its requester's limit: a manager approves or declines it here; anyone else sees it waits. */
export function HeldMoney({ caseId, csrf, held, decidable, names }: HeldMoneyProps) {
  const { t, money } = useAdmin();
  if (held.length === 0) return null;
  return (
    <section class="card alert" aria-labelledby="held">
      <h2 id="held">{t('case.held')}</h2>
      {held.map((h) => {
        const amount = money({ amount: h.amountMinor, currency: h.currency });
        return (
          <div data-held={h.requestId}>
            <p>
              {t('case.held.what', {
                action: t(`case.action.${h.action}` as AdminKey),
                amount,
                who: names[h.requestedBy] ?? h.requestedBy,
              })}{' '}
              <When at={h.createdAt} />
            </p>
            {decidable.has(h.requestId) ? (
              <form method="post" action={`/admin/cases/${caseId}/approvals/${h.requestId}`}>
                <Csrf token={csrf} />
                <button type="submit" name="decision" value="approve">
                  {t('case.held.approve', { amount })}
                </button>{' '}
                <label>
                  {t('case.held.reason')} <input name="reason" size={30} />
                </label>
                <button type="submit" name="decision" value="decline" class="secondary">
                  {t('case.held.decline')}
                </button>
              </form>
            ) : (
              <p class="muted" data-waits="manager">
                {t('case.held.waits')}
              </p>
            )}
          </div>
        );
      })}
    </section>
  );
}
