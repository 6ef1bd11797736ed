import type { CaseMacro } from '../../admin/case-macros';
import { Csrf } from './shell';

/** The shop's macros as this case's customer would read them: insert into the reply box, or apply. */
export function MacrosCard({ caseId, csrf, macros }: { caseId: string; csrf: string; macros: CaseMacro[] }) {
  if (macros.length === 0) return null;
  const here = `/admin/cases/${caseId}`;
  return (
    <section class="card" aria-labelledby="macros">
      <h2 id="macros">Macros</h2>
      {macros.map((m) => (
        <details>
          <summary>{m.name}</summary>
          {m.text === null ? <p class="error">This macro no longer renders; edit it.</p> : <pre>{m.text}</pre>}
          <p>
            {[
              m.actions.tags?.length ? `adds tags: ${m.actions.tags.join(', ')}` : '',
              m.actions.close ? 'closes the case' : '',
            ]
              .filter(Boolean)
              .join('; ')}
          </p>
          <div class="row">
            <a href={`${here}?macro=${encodeURIComponent(m.id)}#actions`}>Insert into reply</a>
            <form method="post" action={`${here}/macros/${encodeURIComponent(m.id)}`}>
              <Csrf token={csrf} />
              <button type="submit">Send and apply</button>
            </form>
          </div>
        </details>
      ))}
    </section>
  );
}
