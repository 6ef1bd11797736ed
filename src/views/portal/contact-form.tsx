/** "Contact us" under the order: a question that is not a return opens an inquiry (a plain form, no JavaScript). */
import { MAX_SHOPPER_MESSAGE_LENGTH } from '../../conversations/shopper-message';
import { HiddenSession, portalHref, type PortalView } from './chrome';

export function ContactForm({ ctx }: { ctx: PortalView }) {
  const { t } = ctx.f;
  return (
    <section class="card" aria-labelledby="contact-h">
      <h2 id="contact-h">{t('contact.title')}</h2>
      <p class="muted">{t('contact.hint')}</p>
      <form method="post" action={portalHref(ctx, '/contact')}>
        <HiddenSession ctx={ctx} />
        <label for="contact-body">{t('contact.label')}</label>
        <textarea id="contact-body" name="body" rows={4} required maxlength={MAX_SHOPPER_MESSAGE_LENGTH} />
        <p>
          <button type="submit" class="secondary">
            {t('contact.send')}
          </button>
        </p>
      </form>
    </section>
  );
}
