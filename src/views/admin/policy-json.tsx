/** The whole policy document as JSON, for power users: download it, or paste one in (the API's PUT rules). */
import type { PolicyError } from '../../admin/policy-compile';
import { useAdmin } from './i18n';
import { ProblemText } from './policy-fields';
import { Csrf } from './shell';

export function PolicyJson(props: { json: string; csrf: string; errors?: PolicyError[] | undefined }) {
  const { t } = useAdmin();
  const failed = (props.errors?.length ?? 0) > 0;
  return (
    <details class="card" id="json" open={failed}>
      <summary>{t('policy.json.title')}</summary>
      <p>
        <a href="/admin/policy/export" download="policy.json">
          {t('policy.json.download')}
        </a>
      </p>
      <form method="post" action="/admin/policy/import">
        <Csrf token={props.csrf} />
        <label for="f-json">{t('policy.json.label')}</label>
        {failed ? (
          <ul class="error" id="f-json-error">
            {props.errors!.map((e) => (
              <li>
                {e.field !== 'json' ? <code>{e.field}</code> : null} <ProblemText error={e} />
              </li>
            ))}
          </ul>
        ) : null}
        <textarea
          id="f-json"
          name="json"
          rows={16}
          spellcheck={false}
          aria-invalid={failed ? 'true' : undefined}
          aria-describedby={failed ? 'f-json-error' : undefined}
        >
          {props.json}
        </textarea>
        <p>
          <button type="submit">{t('policy.json.import')}</button>
        </p>
      </form>
    </details>
  );
}
