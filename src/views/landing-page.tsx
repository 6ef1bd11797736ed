import { adminTranslator } from '../i18n/admin';
import { type Locale, locales } from '../i18n/locales';
import { Layout } from './layout';

const languageNames: Record<Locale, string> = { en: 'English', 'zh-CN': '中文', de: 'Deutsch' };

/** `GET /`: what this is and where to go, in the visitor's language; links only, no script. */
export function LandingPage(props: { locale: Locale }) {
  const t = adminTranslator(props.locale);
  const links = [
    ['/admin', 'landing.admin', 'landing.adminHint'],
    ['/api/docs', 'landing.docs', 'landing.docsHint'],
    ['/healthz', 'landing.health', 'landing.healthHint'],
  ] as const;
  return (
    <Layout title={t('landing.title')} lang={props.locale}>
      <h1>{t('landing.title')}</h1>
      <p>{t('landing.lead')}</p>
      <section class="card" aria-labelledby="where">
        <h2 id="where">{t('landing.where')}</h2>
        <ul>
          {links.map(([href, label, hint]) => (
            <li>
              <a href={href}>{t(label)}</a>: {t(hint)}
            </li>
          ))}
          <li>
            {t('landing.shopper')}: {t('landing.shopperHint', { path: '/portal/<shop>.myshopify.com' })}
          </li>
        </ul>
      </section>
      <p class="muted">{t('landing.source')}</p>
      <nav aria-label={t('landing.languages')}>
        {locales.map((l) => (
          <>
            <a href={`/?lang=${l}`} lang={l} hreflang={l} aria-current={l === props.locale ? 'true' : undefined}>
              {languageNames[l]}
            </a>{' '}
          </>
        ))}
      </nav>
    </Layout>
  );
}
