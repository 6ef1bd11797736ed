import type { ProcedureRow } from '../../admin/case-procedure';
import { useAdmin, When } from './i18n';
import { Csrf } from './shell';

/** The checklist for this kind of case; ticking a step records it on the timeline. */
export function ProcedureCard(p: {
  caseId: string;
  csrf: string;
  steps: ProcedureRow[];
  names: Record<string, string>;
}) {
  const { t } = useAdmin();
  if (p.steps.length === 0) return null;
  return (
    <section class="card" aria-labelledby="procedure">
      <h2 id="procedure">{t('case.procedure')}</h2>
      <ol>
        {p.steps.map((step) => (
          <li data-step={step.id}>
            {step.ticked ? (
              <>
                <span aria-hidden="true">✓ </span>
                <s>{step.label}</s>{' '}
                <span class="muted">
                  ({t('case.procedure.doneBy', { who: p.names[step.ticked.actor] ?? step.ticked.actor })},{' '}
                  <When at={step.ticked.at} />)
                </span>
              </>
            ) : (
              <form method="post" action={`/admin/cases/${p.caseId}/procedure/${encodeURIComponent(step.id)}`}>
                <Csrf token={p.csrf} />
                {step.label} <button type="submit">{t('case.procedure.done')}</button>
              </form>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
