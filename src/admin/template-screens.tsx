import { renderAdmin } from './render';
import { locales } from '../i18n';
import { Hono, type Context } from 'hono';
import { findShopById } from '../db/shops';
import { AppError } from '../http/errors';
import { bundledTemplate, parseTemplate, renderSource, TEMPLATE_LIMITS } from '../notifications/render';
import { templateSamples } from '../notifications/template-samples';
import { notificationKinds, type NotificationKind } from '../notifications/template-vars';
import { TemplateEditPage, TemplateListPage } from '../views/admin/templates-page';
import type { AdminEnv } from './auth/screen-auth';
import { deleteTemplateOverride, saveTemplateOverride, templateOverride, templateOverrides } from './template-store';
import { readForm } from '../http/form-body';

/** Template editor: each notification in each language, previewed with the Jobs area's sample data and renderer. */
export const templateScreens = new Hono<AdminEnv>();

function kindOf(c: Context<AdminEnv>, k: string): NotificationKind {
  if (!(notificationKinds as string[]).includes(k))
    throw new AppError('not_found', c.get('fmt').t('templates.error.noKind', { kind: k }));
  return k as NotificationKind;
}
function localeOf(c: Context<AdminEnv>, l: string): (typeof locales)[number] {
  if (!(locales as readonly string[]).includes(l))
    throw new AppError('not_found', c.get('fmt').t('templates.error.noLanguage', { language: l }));
  return l as (typeof locales)[number];
}

/** The override body format the outbox reads: sections, subject repeated for `parseTemplate`. */
const bodyOf = (subject: string, text: string, html: string) =>
  `=== subject ===\n${subject}\n=== text ===\n${text}${html.trim() ? `\n=== html ===\n${html}` : ''}`;

templateScreens.get('/templates', async (c) => {
  const overrides = await templateOverrides(c.get('services'), c.get('shopId'));
  return renderAdmin(
    c,
    <TemplateListPage
      shop={c.get('shopDomain')}
      csrf={c.get('csrf')}
      kinds={notificationKinds}
      locales={locales}
      overridden={new Set(overrides.map((o) => `${o.name}.${o.locale}`))}
    />,
  );
});

async function page(
  c: Context<AdminEnv>,
  kind: NotificationKind,
  locale: string,
  source: { subject: string; text: string; html: string },
  customised: boolean,
  extra: { saved?: boolean; status?: 200 | 400 } = {},
) {
  const shop = await findShopById(c.get('services'), c.get('shopId'));
  const vars = { ...templateSamples[kind], shop: { name: shop?.name ?? 'Shop', email: shop?.email ?? null } };
  let preview: { subject: string; text: string; html: string | null } | undefined;
  let error: string | undefined;
  try {
    preview = await renderSource(
      { subject: source.subject, text: source.text, html: source.html.trim() ? source.html : null },
      vars,
    );
  } catch (e) {
    const message = (e as Error).message;
    const { t, number } = c.get('fmt');
    error = t('templates.error.render', { message });
    if (/limit exceeded/.test(message))
      error += ` ${t('templates.error.limits', {
        parse: number(TEMPLATE_LIMITS.parseLimit),
        render: number(TEMPLATE_LIMITS.renderLimit),
        memory: number(TEMPLATE_LIMITS.memoryLimit),
      })}`;
  }
  return {
    ok: !error,
    response: renderAdmin(
      c,
      <TemplateEditPage
        shop={c.get('shopDomain')}
        csrf={c.get('csrf')}
        kind={kind}
        locale={locale}
        {...source}
        customised={customised}
        sampleVars={JSON.stringify(vars, null, 2)}
        preview={preview}
        error={error}
        saved={extra.saved ?? false}
      />,
      error ? 400 : (extra.status ?? 200),
    ),
  };
}

templateScreens.get('/templates/:kind/:locale', async (c) => {
  const kind = kindOf(c, c.req.param('kind'));
  const locale = localeOf(c, c.req.param('locale'));
  const o = await templateOverride(c.get('services'), c.get('shopId'), kind, locale);
  const source = o ? { ...parseTemplate(o.body), subject: o.subject } : bundledTemplate(kind, locale).source;
  return (
    await page(c, kind, locale, { subject: source.subject, text: source.text, html: source.html ?? '' }, !!o, {
      saved: c.req.query('saved') === '1',
    })
  ).response;
});

templateScreens.post('/templates/:kind/:locale', async (c) => {
  const s = c.get('services');
  const kind = kindOf(c, c.req.param('kind'));
  const locale = localeOf(c, c.req.param('locale'));
  const form = await readForm(c);
  const field = (k: string) => (typeof form[k] === 'string' ? (form[k] as string).replace(/\r\n/g, '\n') : '');
  if (form.intent === 'reset') {
    await deleteTemplateOverride(s, c.get('shopId'), { name: kind, locale }, c.get('actor'));
    return c.redirect(`/admin/templates/${kind}/${locale}`, 303);
  }
  const source = { subject: field('subject').trim(), text: field('text'), html: field('html') };
  const existing = await templateOverride(s, c.get('shopId'), kind, locale);
  const result = await page(c, kind, locale, source, !!existing);
  if (form.intent !== 'save' || !result.ok) return result.response;
  if (!source.subject || !source.text.trim())
    throw new AppError('validation_failed', c.get('fmt').t('templates.error.required'));
  const template = {
    name: kind,
    locale,
    subject: source.subject,
    body: bodyOf(source.subject, source.text, source.html),
  };
  await saveTemplateOverride(s, c.get('shopId'), template, c.get('actor'));
  return c.redirect(`/admin/templates/${kind}/${locale}?saved=1`, 303);
});
