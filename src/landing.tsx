import { Hono } from 'hono';
import { negotiateLocale } from './i18n/locales';
import { LandingPage } from './views/landing-page';
import type { AppBindings } from './http/types';

export const landing = new Hono<AppBindings>();

/** The front door: a small page in the visitor's language (`?lang=`, then the browser's), not a 404. */
landing.get('/', (c) => {
  const locale = negotiateLocale({ query: c.req.query('lang'), acceptLanguage: c.req.header('accept-language') });
  c.header('content-language', locale);
  c.header('vary', 'accept-language');
  return c.html(<LandingPage locale={locale} />);
});
