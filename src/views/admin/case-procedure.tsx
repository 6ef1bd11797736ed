import type { ProcedureRow } from '../../admin/case-procedure';
import { dateTime } from './format';
import { Csrf } from './shell';

/** The checklist for this kind of case; ticking a step records it on the timeline. */
export function ProcedureCard({ caseId, csrf, steps }: { caseId: string; csrf: string; steps: ProcedureRow[] }) {
  if (steps.length === 0) return null;
  return (
    <section class="card" aria-labelledby="procedure">
      <h2 id="procedure">Procedure</h2>
      <ol>
        {steps.map((step) => (
          <li data-step={step.id}>
            {step.ticked ? (
              <>
                <span aria-hidden="true">✓ </span>
                <s>{step.label}</s>{' '}
                <span class="muted">
                  (done by {step.ticked.actor}, {dateTime(step.ticked.at)})
                </span>
              </>
            ) : (
              <form method="post" action={`/admin/cases/${caseId}/procedure/${encodeURIComponent(step.id)}`}>
                <Csrf token={csrf} />
                {step.label} <button type="submit">Done</button>
              </form>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
