import type { CaseKnowledge } from '../../admin/case-knowledge';

/** Search the help center from the case (GET, no JS); "Insert" puts the article's link in the boxes below. */
export function KnowledgeSearch({ caseId, kb }: { caseId: string; kb: CaseKnowledge }) {
  const here = `/admin/cases/${caseId}`;
  return (
    <section class="card" aria-labelledby="kb">
      <h2 id="kb">Knowledge base</h2>
      <form method="get" action={here}>
        <label>
          Search articles (in the case’s language) <input type="search" name="kb" value={kb.query} size={28} />
        </label>
        <button type="submit">Search</button>
      </form>
      {kb.query && kb.hits.length === 0 ? <p>No published article matches.</p> : null}
      <ol>
        {kb.hits.map((h) => (
          <li>
            <a href={h.url}>{h.title}</a>{' '}
            <a href={`${here}?kb=${encodeURIComponent(kb.query)}&use=${encodeURIComponent(h.slug)}#actions`}>
              Insert into reply
            </a>
            <p dangerouslySetInnerHTML={{ __html: h.excerpt }} />
          </li>
        ))}
      </ol>
    </section>
  );
}
