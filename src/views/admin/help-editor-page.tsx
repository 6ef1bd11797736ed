/**
 * The merchant's help-center editor: the list of articles, and one article's form with a preview
 * (rendered by the server exactly as shoppers get it, the policy filled in; no JS) and a link to
 * the page shoppers see. Words from the admin catalog (src/i18n/admin/help.ts).
 */
import type { ArticleRow } from '../../help/article-store';
import { locales } from '../../i18n';
import type { AdminKey } from '../../i18n/admin';
import { useAdmin } from './i18n';
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

/** A language's name in the reader's language (the code itself for one we do not ship). */
export function languageName(t: ReturnType<typeof useAdmin>['t'], code: string): string {
  return (locales as readonly string[]).includes(code) ? t(`help.lang.${code}` as AdminKey) : code;
}

const statusName = (t: ReturnType<typeof useAdmin>['t'], status: string) =>
  status === 'draft' || status === 'published' ? t(`help.status.${status}`) : status;

/** The notices the editor redirects with (`?notice=saved`); anything else is not shown. */
const notices = { saved: 'help.saved', deleted: 'help.proc.deleted' } as const satisfies Record<string, AdminKey>;

export function noticeText(t: ReturnType<typeof useAdmin>['t'], notice: string | undefined): string | undefined {
  return notice && notice in notices ? t(notices[notice as keyof typeof notices]) : undefined;
}

export function HelpListPage(props: { shop: string; csrf: string; articles: ArticleRow[]; notice?: string }) {
  const { t } = useAdmin();
  return (
    <AdminShell title={t('help.title')} path="/admin/help" shop={props.shop} csrf={props.csrf}>
      <h1>{t('help.title')}</h1>
      <Flash ok={noticeText(t, props.notice)} />
      <p>
        <a href="/admin/help/new">{t('help.newArticle')}</a> ·{' '}
        <a href={`/portal/${props.shop}/help`}>{t('help.shopperView')}</a> ·{' '}
        <a href="/admin/help/procedures">{t('help.procedures')}</a>
      </p>
      <table>
        <tr>
          <th>{t('help.col.title')}</th>
          <th>{t('help.col.language')}</th>
          <th>{t('help.col.status')}</th>
          <th>{t('help.col.category')}</th>
        </tr>
        {props.articles.map((a) => (
          <tr>
            <td>
              <a href={`/admin/help/${a.id}`}>{a.title}</a>
            </td>
            <td lang={a.locale}>{languageName(t, a.locale)}</td>
            <td>{statusName(t, a.status)}</td>
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
  notice?: string | undefined;
}

function ArticleFields({ form }: { form: ArticleForm }) {
  const { t } = useAdmin();
  return (
    <>
      <label>
        {t('help.field.title')} <input name="title" value={form.title} size={50} required />
      </label>
      <label>
        {t('help.field.slug')} <input name="slug" value={form.slug} size={30} required />
      </label>
      <label>
        {t('help.field.language')}{' '}
        <select name="locale">
          {locales.map((l) => (
            <option value={l} selected={form.locale === l}>
              {languageName(t, l)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('help.field.category')} <input name="category" value={form.category} size={20} />
      </label>
      <label>
        {t('help.field.status')}{' '}
        <select name="status">
          {['draft', 'published'].map((st) => (
            <option value={st} selected={form.status === st}>
              {statusName(t, st)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('help.field.reasons')} <input name="reasons" value={form.reasons} size={40} />
      </label>
      <label>
        {t('help.field.body', { example: '{{ policy.returnWindowDays }}' })}
        <textarea name="body" rows={16}>
          {form.body}
        </textarea>
      </label>
    </>
  );
}

export function HelpEditPage({ shop, csrf, id, form, preview, errors, published, notice }: HelpEditPageProps) {
  const { t } = useAdmin();
  const action = id ? `/admin/help/${id}` : '/admin/help';
  const heading = form.title || t('help.newArticle');
  return (
    <AdminShell title={heading} path="/admin/help" shop={shop} csrf={csrf}>
      <p>
        <a href="/admin/help">{t('help.back')}</a>
        {published ? (
          <>
            {' · '}
            <a href={shopperUrl(shop, form)}>{t('help.shopperView')}</a>
          </>
        ) : null}
      </p>
      <h1>{heading}</h1>
      <Flash ok={noticeText(t, notice)} error={errors.length ? errors.join(' · ') : undefined} />
      <form method="post" action={action} class="card">
        <input type="hidden" name="_csrf" value={csrf} />
        <ArticleFields form={form} />
        <p class="row">
          <button type="submit" name="intent" value="preview" class="secondary">
            {t('help.preview')}
          </button>
          <button type="submit" name="intent" value="save">
            {t('help.save')}
          </button>
        </p>
      </form>
      <section class="card" aria-labelledby="preview">
        <h2 id="preview">{t('help.previewTitle')}</h2>
        <article lang={form.locale} dangerouslySetInnerHTML={{ __html: preview }} />
      </section>
    </AdminShell>
  );
}
