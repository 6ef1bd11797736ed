/** Step 1: the shop's short help (policy in a sentence, FAQ), then the order lookup form. */
import type { Policy } from '../../cases/policy-schema';
import { pickLabel } from '../../i18n';
import { ErrorSummary, Field } from '../layout';
import { HiddenSession, PortalPage, portalHref, type PortalView } from './chrome';

export interface StartPageProps {
  ctx: PortalView;
  policy: Policy;
  values?: { order?: string; email?: string };
  error?: string | undefined;
}

export function StartPage({ ctx, policy, values, error }: StartPageProps) {
  const { t, locale } = ctx.f;
  const summary = pickLabel(policy.help.summary, locale, t('help.policy', { days: policy.returnWindowDays }));
  return (
    <PortalPage ctx={ctx} title={t('portal.title')}>
      <h1>{t('portal.title')}</h1>
      <section class="card" aria-labelledby="help-h">
        <h2 id="help-h">{t('help.title')}</h2>
        <p>{summary}</p>
        <p>
          <a href={portalHref(ctx, '/help')}>{t('kb.title')}</a>
        </p>
        {policy.help.faq.length > 0 ? (
          <>
            <h3>{t('help.faq')}</h3>
            {policy.help.faq.map((item) => (
              <details>
                <summary>{pickLabel(item.q, locale, '')}</summary>
                <p>{pickLabel(item.a, locale, '')}</p>
              </details>
            ))}
          </>
        ) : null}
      </section>
      <section class="card" aria-labelledby="lookup-h">
        <h2 id="lookup-h">{t('lookup.title')}</h2>
        {error ? <ErrorSummary title={error} /> : null}
        <form method="post" action={portalHref(ctx, '/lookup')} novalidate>
          <HiddenSession ctx={ctx} />
          <Field id="order" label={t('lookup.order')} hint={t('lookup.orderHint')}>
            <input
              id="order"
              name="order"
              type="text"
              required
              maxlength={40}
              autocomplete="off"
              value={values?.order ?? ''}
              aria-describedby={error ? 'order-hint error-summary' : 'order-hint'}
              aria-invalid={error ? 'true' : undefined}
            />
          </Field>
          <Field id="email" label={t('lookup.email')}>
            <input
              id="email"
              name="email"
              type="email"
              required
              maxlength={254}
              autocomplete="email"
              value={values?.email ?? ''}
              aria-describedby={error ? 'error-summary' : undefined}
              aria-invalid={error ? 'true' : undefined}
            />
          </Field>
          <button type="submit">{t('lookup.submit')}</button>
        </form>
      </section>
    </PortalPage>
  );
}
