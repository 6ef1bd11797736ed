import type { CaseMacro } from '../../admin/case-macros';
import { useAdmin } from './i18n';

/** What a macro does besides its text, in the member's language ("adds tags: x; closes the case"). */
export function macroEffects(t: ReturnType<typeof useAdmin>['t'], m: CaseMacro): string {
  return [
    m.actions.tags?.length ? t('case.macro.tags', { tags: m.actions.tags.join(', ') }) : '',
    m.actions.close ? t('case.macro.closes') : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/** The shop's macros, rendered for this case's customer; "Insert" puts one in the reply box to edit and send. */
export function MacroPicker({ caseId, macros }: { caseId: string; macros: CaseMacro[] }) {
  const { t } = useAdmin();
  return (
    <div>
      <h3 id="macros">{t('case.macros')}</h3>
      {macros.length === 0 ? (
        <p class="muted">
          {t('case.macros.none')} <a href="/admin/help">{t('case.macros.manage')}</a>
        </p>
      ) : null}
      {macros.map((m) => (
        <details data-macro={m.id}>
          <summary>{m.name}</summary>
          {m.text === null ? <p class="error">{t('case.macros.broken')}</p> : <pre>{m.text}</pre>}
          {macroEffects(t, m) ? <p class="muted">{macroEffects(t, m)}</p> : null}
          {m.text === null ? null : (
            <a href={`/admin/cases/${caseId}?macro=${encodeURIComponent(m.id)}#reply-body`}>
              {t('case.macros.insert', { name: m.name })}
            </a>
          )}
        </details>
      ))}
    </div>
  );
}
