/** The case's conversation on the status page, and a reply box that is a plain form (no JavaScript). */
import { MAX_SHOPPER_MESSAGE_LENGTH } from '../../conversations/shopper-message';
import type { ShopperCaseView } from '../../portal/shopper-case';
import { Notice } from '../layout';
import { HiddenSession, portalHref, type PortalView } from './chrome';

export function Conversation({ ctx, view, sent }: { ctx: PortalView; view: ShopperCaseView; sent: boolean }) {
  const { t } = ctx.f;
  return (
    <section class="card" aria-labelledby="conversation-h">
      <h2 id="conversation-h">{t('conversation.title')}</h2>
      {sent ? <Notice>{t('conversation.sent')}</Notice> : null}
      {view.messages.length === 0 ? <p class="muted">{t('conversation.empty')}</p> : null}
      <ol class="timeline" id="conversation">
        {view.messages.map((m) => (
          <li data-direction={m.direction}>
            <strong>{m.direction === 'in' ? t('conversation.you') : ctx.shopName}</strong> ·{' '}
            <time datetime={new Date(m.at).toISOString()}>{ctx.f.date(m.at, true)}</time>
            <p style="white-space: pre-line">{m.text}</p>
          </li>
        ))}
      </ol>
      <form method="post" action={portalHref(ctx, `/returns/${view.id}/messages`)}>
        <HiddenSession ctx={ctx} />
        <label for="message-body">{t('conversation.label')}</label>
        <textarea id="message-body" name="body" rows={4} required maxlength={MAX_SHOPPER_MESSAGE_LENGTH} />
        <p>
          <button type="submit">{t('conversation.send')}</button>
        </p>
      </form>
    </section>
  );
}
