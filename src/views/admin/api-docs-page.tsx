import { useAdmin } from './i18n';
import { AdminShell } from './shell';

type Json = Record<string, unknown>;
const asObj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});

/** Resolves `$ref: #/components/schemas/X` one level for display. */
function resolve(doc: Json, schema: unknown): Json {
  const s = asObj(schema);
  const ref = typeof s.$ref === 'string' ? s.$ref : null;
  if (!ref) return s;
  const name = ref.split('/').pop()!;
  return asObj(asObj(asObj(doc.components).schemas)[name]);
}

function SchemaView({ doc, schema, depth = 0 }: { doc: Json; schema: unknown; depth?: number }) {
  const { t } = useAdmin();
  const s = resolve(doc, schema);
  const ref = asObj(schema).$ref;
  const props = asObj(s.properties);
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  if (depth > 2 || Object.keys(props).length === 0) {
    const kind = s.type ?? (s.oneOf || s.anyOf ? t('apidocs.oneOf') : ref ? String(ref).split('/').pop() : 'object');
    return <code>{Array.isArray(s.enum) ? (s.enum as unknown[]).map(String).join(' | ') : String(kind)}</code>;
  }
  return (
    <table>
      {Object.entries(props).map(([name, p]) => (
        <tr>
          <td>
            <code>{name}</code>
            {required.has(name) ? '' : '?'}
          </td>
          <td>
            <SchemaView doc={doc} schema={p} depth={depth + 1} />
            {asObj(p).description ? <span class="muted"> — {String(asObj(p).description)}</span> : null}
          </td>
        </tr>
      ))}
    </table>
  );
}

/** A readable, script-free reference rendered from the OpenAPI document itself. */
export function ApiDocsPage({ doc }: { doc: Json }) {
  const { t } = useAdmin();
  const paths = asObj(doc.paths);
  return (
    <AdminShell title={t('apidocs.title')}>
      <h1>
        {String(asObj(doc.info).title)} <span class="pill">OpenAPI {String(doc.openapi)}</span>
      </h1>
      <p>
        <span lang="en">{String(asObj(doc.info).description ?? '')}</span> {t('apidocs.machine')}{' '}
        <a href="/api/openapi.json">/api/openapi.json</a>.
      </p>
      <p class="muted">{t('apidocs.note')}</p>
      <nav class="card" aria-label={t('apidocs.operations')}>
        <ul>
          {Object.entries(paths).flatMap(([p, ops]) =>
            Object.keys(asObj(ops)).map((m) => (
              <li>
                <a href={`#${m}-${p.replace(/[^a-z0-9]+/gi, '-')}`}>
                  {m.toUpperCase()} {p}
                </a>
              </li>
            )),
          )}
        </ul>
      </nav>
      {Object.entries(paths).flatMap(([p, ops]) =>
        Object.entries(asObj(ops)).map(([method, raw]) => {
          const op = asObj(raw);
          const params = Array.isArray(op.parameters) ? (op.parameters as Json[]) : [];
          const body = asObj(asObj(asObj(asObj(op.requestBody).content)['application/json']).schema);
          return (
            <section class="card" id={`${method}-${p.replace(/[^a-z0-9]+/gi, '-')}`}>
              <h2>
                <code>
                  {method.toUpperCase()} {p}
                </code>
              </h2>
              <p lang="en">
                {String(op.summary ?? '')}{' '}
                {Array.isArray(op.tags) ? <span class="pill">{String(op.tags[0])}</span> : null}
              </p>
              {Array.isArray(op.security) ? (
                <p class="muted">
                  {t('apidocs.auth', {
                    schemes: (op.security as Json[]).map((x) => Object.keys(x).join(' + ')).join(t('apidocs.or')),
                  })}
                </p>
              ) : (
                <p class="muted">{t('apidocs.noAuth')}</p>
              )}
              {params.length ? (
                <table>
                  <tr>
                    <th>{t('apidocs.parameter')}</th>
                    <th>{t('apidocs.in')}</th>
                    <th>{t('apidocs.schema')}</th>
                  </tr>
                  {params.map((x) => (
                    <tr>
                      <td>
                        <code>{String(x.name)}</code>
                        {x.required ? '' : '?'}
                      </td>
                      <td>{String(x.in)}</td>
                      <td>
                        <SchemaView doc={doc} schema={x.schema} />
                        {x.description || asObj(x.schema).description ? (
                          <span class="muted"> — {String(x.description ?? asObj(x.schema).description)}</span>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </table>
              ) : null}
              {Object.keys(body).length ? (
                <>
                  <h3>{t('apidocs.body')}</h3>
                  <SchemaView doc={doc} schema={body} />
                </>
              ) : null}
              <h3>{t('apidocs.responses')}</h3>
              <ul>
                {Object.entries(asObj(op.responses)).map(([code, r]) => (
                  <li>
                    <code>{code}</code> {String(asObj(r).description ?? '')}
                  </li>
                ))}
              </ul>
            </section>
          );
        }),
      )}
    </AdminShell>
  );
}
