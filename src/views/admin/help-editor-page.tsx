/**
 * The merchant's help-center editor: the list of articles, and one article's form with a preview
 * (rendered by the server exactly as shoppers get it, the policy filled in; no JS) and a link to
 * the page shoppers see.
 */
import type { ArticleRow } from '../../help/article-store';
import { locales } from '../../i18n';
import { AdminShell, Flash } from './shell';

export interface ArticleForm {
  slug: string;
  locale: string;
  title: string;
  body: string;
  category: string;
  status: string;
  reasons: string;
}

const shopperUrl = (shop: string, a: { slug: string; locale: string }) =>
  `/portal/${shop}/help/${a.slug}?lang=${encodeURIComponent(a.locale)}`;

export function HelpListPage(props: { shop: string; csrf: string; articles: ArticleRow[]; notice?: string }) {
  return (
    <AdminShell title="Help center" path="/admin/help" shop={props.shop} csrf={props.csrf}>
      <h1>Help center</h1>
      <Flash ok={props.notice} />
      <p>
        <a href="/admin/help/new">New article</a> · <a href={`/portal/${props.shop}/help`}>What shoppers see</a>
      </p>
      <table>
        <tr>
          <th>Title</th>
          <th>Language</th>
          <th>Status</th>
          <th>Category</th>
        </tr>
        {props.articles.map((a) => (
          <tr>
            <td>
              <a href={`/admin/help/${a.id}`}>{a.title}</a>
            </td>
            <td>{a.locale}</td>
            <td>{a.status}</td>
            <td>{a.category ?? ''}</td>
          </tr>
        ))}
      </table>
    </AdminShell>
  );
}

export interface HelpEditPageProps {
  shop: string;
  csrf: string;
  /** Null for a new article. */
  id: string | null;
  form: ArticleForm;
  /** Sanitized HTML of the body with the policy filled in. */
  preview: string;
  errors: string[];
  published: boolean;
}

export function HelpEditPage({ shop, csrf, id, form, preview, errors, published }: HelpEditPageProps) {
  const action = id ? `/admin/help/${id}` : '/admin/help';
  return (
    <AdminShell title={form.title || 'New article'} path="/admin/help" shop={shop} csrf={csrf}>
      <p>
        <a href="/admin/help">← Help center</a>
        {published ? (
          <>
            {' · '}
            <a href={shopperUrl(shop, form)}>What shoppers see</a>
          </>
        ) : null}
      </p>
      <h1>{form.title || 'New article'}</h1>
      <Flash error={errors.length ? errors.join(' · ') : undefined} />
      <form method="post" action={action} class="card">
        <input type="hidden" name="_csrf" value={csrf} />
        <label>
          Title <input name="title" value={form.title} size={50} required />
        </label>
        <label>
          Slug <input name="slug" value={form.slug} size={30} required />
        </label>
        <label>
          Language{' '}
          <select name="locale">
            {locales.map((l) => (
              <option value={l} selected={form.locale === l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          Category <input name="category" value={form.category} size={20} />
        </label>
        <label>
          Status{' '}
          <select name="status">
            {['draft', 'published'].map((st) => (
              <option value={st} selected={form.status === st}>
                {st}
              </option>
            ))}
          </select>
        </label>
        <label>
          Return reasons (comma-separated codes) <input name="reasons" value={form.reasons} size={40} />
        </label>
        <label>
          Body (Markdown; the policy as <code>{'{{ policy.returnWindowDays }}'}</code> and friends)
          <textarea name="body" rows={16}>
            {form.body}
          </textarea>
        </label>
        <p class="row">
          <button type="submit" name="intent" value="preview" class="secondary">
            Preview
          </button>
          <button type="submit" name="intent" value="save">
            Save
          </button>
        </p>
      </form>
      <section class="card" aria-labelledby="preview">
        <h2 id="preview">Preview (as shoppers read it)</h2>
        <article lang={form.locale} dangerouslySetInnerHTML={{ __html: preview }} />
      </section>
    </AdminShell>
  );
}
