import { AdminShell, Csrf, Flash } from './shell';

export interface TemplateListProps {
  shop: string;
  csrf: string;
  kinds: string[];
  locales: readonly string[];
  overridden: Set<string>;
}

export function TemplateListPage(p: TemplateListProps) {
  return (
    <AdminShell title="Templates" path="/admin/templates" shop={p.shop} csrf={p.csrf}>
      <h1>Notification templates</h1>
      <table>
        <tr>
          <th>Message</th>
          {p.locales.map((l) => (
            <th>{l}</th>
          ))}
        </tr>
        {p.kinds.map((k) => (
          <tr>
            <td>{k.replaceAll('_', ' ')}</td>
            {p.locales.map((l) => (
              <td>
                <a href={`/admin/templates/${k}/${l}`}>Edit</a>{' '}
                {p.overridden.has(`${k}.${l}`) ? (
                  <span class="pill warn">customised</span>
                ) : (
                  <span class="pill">default</span>
                )}
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
  const action = `/admin/templates/${p.kind}/${p.locale}`;
  return (
    <AdminShell title={`Template ${p.kind}`} path="/admin/templates" shop={p.shop} csrf={p.csrf}>
      <h1>
        {p.kind.replaceAll('_', ' ')} · {p.locale}{' '}
        {p.customised ? <span class="pill warn">customised</span> : <span class="pill">default</span>}
      </h1>
      <Flash ok={p.saved ? 'Template saved; new messages use it.' : undefined} error={p.error} />
      <div class="grid">
        <form method="post" action={action} class="card">
          <Csrf token={p.csrf} />
          <label>
            Subject <input name="subject" size={50} value={p.subject} />
          </label>
          <label>
            Text body (Liquid)
            <textarea name="text" rows={12}>
              {p.text}
            </textarea>
          </label>
          <label>
            HTML body (Liquid, optional)
            <textarea name="html" rows={8}>
              {p.html}
            </textarea>
          </label>
          <p>
            <button type="submit" name="intent" value="preview" class="secondary">
              Preview
            </button>{' '}
            <button type="submit" name="intent" value="save">
              Save
            </button>{' '}
            {p.customised ? (
              <button type="submit" name="intent" value="reset" class="secondary">
                Back to default
              </button>
            ) : null}
          </p>
          <details>
            <summary>Variables available (sample data)</summary>
            <pre>{p.sampleVars}</pre>
          </details>
        </form>
        <section class="card" aria-labelledby="pv">
          <h2 id="pv">Preview with sample data</h2>
          {p.preview ? (
            <>
              <p>
                <strong>Subject:</strong> {p.preview.subject}
              </p>
              <pre data-preview="text">{p.preview.text}</pre>
              {p.preview.html !== null ? (
                <iframe
                  title="HTML preview"
                  sandbox=""
                  srcdoc={p.preview.html}
                  style="width:100%;height:260px;border:1px solid #e5e7eb"
                />
              ) : null}
            </>
          ) : (
            <p class="muted">Fix the template to see a preview.</p>
          )}
        </section>
      </div>
    </AdminShell>
  );
}
