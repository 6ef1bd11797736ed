/**
 * The deflection step: before a contact message is sent or a return is opened, the matching help
 * articles come first ("These answers may help first"), each with its excerpt so it can be read
 * right here, then one form with two buttons: "This answered my question" / "I still want to send
 * it". Going on loses nothing: the form carries the message, and a return's signed draft stays in
 * its cookie on `/portal` (the form posts inside the cookie's path) or rides in the form behind the
 * app proxy. No JavaScript.
 */
import { HiddenSession, PortalPage, portalHref, type PortalView } from './chrome';

export interface Answer {
  slug: string;
  title: string;
  /** HTML: matches in `<mark>`, the rest escaped (src/help/excerpt.ts). Absent for reason-linked articles. */
  excerpt?: string;
}

export interface AnswersFirstPageProps {
  ctx: PortalView;
  channel: 'contact' | 'return';
  answers: Answer[];
  visit: string;
  /** Where the two buttons post (`/contact` or `/review/answers`). */
  action: string;
  /** What the form carries on: `{ body }` for a message, `{ d }` for a return draft behind the proxy. */
  carry: Record<string, string>;
}

function AnswerList({ ctx, answers, visit }: { ctx: PortalView; answers: Answer[]; visit: string }) {
  const t = ctx.f.t;
  return (
    <ol class="answers">
      {answers.map((a) => (
        <li class="card" data-article={a.slug}>
          <h2>{a.title}</h2>
          {a.excerpt ? <p dangerouslySetInnerHTML={{ __html: a.excerpt }} /> : null}
          <p>
            <a href={portalHref(ctx, `/help/${a.slug}`, { v: visit })}>{t('deflect.read')}</a>
          </p>
        </li>
      ))}
    </ol>
  );
}

export function AnswersFirstPage({ ctx, channel, answers, visit, action, carry }: AnswersFirstPageProps) {
  const t = ctx.f.t;
  return (
    <PortalPage ctx={ctx} title={t('kb.suggested')}>
      <h1>{t('kb.suggested')}</h1>
      <p>{t(channel === 'contact' ? 'deflect.intro.contact' : 'deflect.intro.return')}</p>
      {channel === 'contact' && carry.body ? (
        <section class="card" aria-labelledby="question-h">
          <h2 id="question-h">{t('deflect.yourQuestion')}</h2>
          <p class="muted">{carry.body}</p>
        </section>
      ) : null}
      <AnswerList ctx={ctx} answers={answers} visit={visit} />
      <form method="post" action={portalHref(ctx, action)} class="card">
        <HiddenSession ctx={ctx} />
        <input type="hidden" name="v" value={visit} />
        {Object.entries(carry).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <p class="row">
          <button type="submit" name="outcome" value="answered">
            {t('deflect.answered')}
          </button>
          <button type="submit" name="outcome" value="continued" class="secondary">
            {t('deflect.continue')}
          </button>
        </p>
      </form>
    </PortalPage>
  );
}
