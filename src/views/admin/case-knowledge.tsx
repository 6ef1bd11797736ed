import type { CaseKnowledge } from '../../admin/case-knowledge';
import { useAdmin } from './i18n';

/** Search the help center from the case (GET, no JS); "Insert" puts the article's title and link in the reply. */
export function KnowledgeSearch({ caseId, kb }: { caseId: string; kb: CaseKnowledge }) {
  const { t } = useAdmin();
  const here = `/admin/cases/${caseId}`;
  return (
    <div>
      <h3 id="kb">{t('case.kb')}</h3>
      <form method="get" action={`${here}#kb`}>
        <label>
          {t('case.kb.search')} <input type="search" name="kb" value={kb.query} size={24} />
        </label>
        <button type="submit" class="secondary">
          {t('case.kb.go')}
        </button>
      </form>
      {kb.query && kb.hits.length === 0 ? <p>{t('case.kb.noHits')}</p> : null}
      <ol>
        {kb.hits.map((h) => (
          <li>
            <a href={h.url}>{h.title}</a>{' '}
            <a href={`${here}?kb=${encodeURIComponent(kb.query)}&use=${encodeURIComponent(h.slug)}#reply-body`}>
              {t('case.kb.insert', { title: h.title })}
            </a>
            <p dangerouslySetInnerHTML={{ __html: h.excerpt }} />
          </li>
        ))}
      </ol>
    </div>
  );
}
