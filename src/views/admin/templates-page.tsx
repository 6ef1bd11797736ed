import type { AdminKey } from '../../i18n/admin';
import { useAdmin } from './i18n';
import { AdminShell, Csrf, Flash } from './shell';

const languageKey = (l: string) => `templates.language.${l}` as AdminKey;

function Badge({ customised }: { customised: boolean }) {
  const { t } = useAdmin();
  return customised ? (
    <span class="pill warn">{t('templates.customised')}</span>
  ) : (
    <span class="pill">{t('templates.default')}</span>
  );
}

export interface TemplateListProps {
  shop: string;
  csrf: string;
  kinds: string[];
  locales: readonly string[];
  overridden: Set<string>;
}

export function TemplateListPage(p: TemplateListProps) {
  const { t } = useAdmin();
  return (
    <AdminShell title={t('templates.title')} path="/admin/templates" shop={p.shop} csrf={p.csrf}>
      <h1>{t('templates.title')}</h1>
      <table>
        <tr>
          <th>{t('templates.col.message')}</th>
          {p.locales.map((l) => (
            <th lang={l}>{t(languageKey(l))}</th>
          ))}
        </tr>
        {p.kinds.map((k) => (
          <tr>
            <td>{k.replaceAll('_', ' ')}</td>
            {p.locales.map((l) => (
              <td>
                <a
                  href={`/admin/templates/${k}/${l}`}
                  aria-label={t('templates.editLabel', { kind: k.replaceAll('_', ' '), language: t(languageKey(l)) })}
                >
                  {t('templates.edit')}
                </a>{' '}
                <Badge customised={p.overridden.has(`${k}.${l}`)} />
              </td>
            ))}
          </tr>
        ))}
      </table>
    </AdminShell>
  );
}

export interface TemplateEditProps {
  shop: string;
  csrf: string;
  kind: string;
  locale: string;
  subject: string;
  text: string;
  html: string;
  customised: boolean;
  sampleVars: string;
  preview?: { subject: string; text: string; html: string | null } | undefined;
  error?: string | undefined;
  saved?: boolean;
}

export function TemplateEditPage(p: TemplateEditProps) {
  const { t } = useAdmin();
  return (
    <AdminShell title={t('templates.editTitle', { kind: p.kind })} path="/admin/templates" shop={p.shop} csrf={p.csrf}>
      <h1>
        {p.kind.replaceAll('_', ' ')} · {t(languageKey(p.locale))} <Badge customised={p.customised} />
      </h1>
      <Flash ok={p.saved ? t('templates.saved') : undefined} error={p.error} />
      <div class="grid">
        <TemplateForm {...p} />
        <TemplatePreview preview={p.preview} />
      </div>
    </AdminShell>
  );
}

function TemplateForm(p: TemplateEditProps) {
  const { t } = useAdmin();
  return (
    <form method="post" action={`/admin/templates/${p.kind}/${p.locale}`} class="card">
      <Csrf token={p.csrf} />
      <label>
        {t('templates.subject')} <input name="subject" size={50} value={p.subject} />
      </label>
      <label>
        {t('templates.text')}
        <textarea name="text" rows={12}>
          {p.text}
        </textarea>
      </label>
      <label>
        {t('templates.html')}
        <textarea name="html" rows={8}>
          {p.html}
        </textarea>
      </label>
      <p>
        <button type="submit" name="intent" value="preview" class="secondary">
          {t('templates.preview')}
        </button>{' '}
        <button type="submit" name="intent" value="save">
          {t('templates.save')}
        </button>{' '}
        {p.customised ? (
          <button type="submit" name="intent" value="reset" class="secondary">
            {t('templates.reset')}
          </button>
        ) : null}
      </p>
      <details>
        <summary>{t('templates.variables')}</summary>
        <pre>{p.sampleVars}</pre>
      </details>
    </form>
  );
}

function TemplatePreview({ preview }: { preview: TemplateEditProps['preview'] }) {
  const { t } = useAdmin();
  return (
    <section class="card" aria-labelledby="pv">
      <h2 id="pv">{t('templates.previewTitle')}</h2>
      {preview ? (
        <>
          <p>
            <strong>{t('templates.previewSubject')}</strong> {preview.subject}
          </p>
          <pre data-preview="text">{preview.text}</pre>
          {preview.html !== null ? (
            <iframe
              title={t('templates.previewHtml')}
              sandbox=""
              srcdoc={preview.html}
              style="width:100%;height:260px;border:1px solid #e5e7eb"
            />
          ) : null}
        </>
      ) : (
        <p class="muted">{t('templates.fixToPreview')}</p>
      )}
    </section>
  );
}
