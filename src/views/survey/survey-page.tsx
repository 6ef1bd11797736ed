import type { Locale } from '../../i18n';
import { Layout } from '../layout';

/** The survey speaks the language of the email that carried it. */
type Lang = Locale;

const t = {
  en: {
    title: 'Your feedback',
    invalid: 'This survey link is not valid or has expired.',
    thanks: (score: number) => `Thank you! Your answer: ${score}.`,
    pick: 'Choose a score',
    change: 'Change your score',
    comment: 'Anything you would like to tell us? (optional)',
    send: 'Send',
    confirm: 'Press Send to record your answer.',
    saved: 'Thank you, your comment is saved.',
    followUp: 'We are sorry it was not better. A member of our team will contact you.',
    unsubTitle: 'Unsubscribe from surveys',
    unsubAsk: (shop: string) => `Stop receiving surveys from ${shop}?`,
    unsubButton: 'Unsubscribe',
    unsubDone: (shop: string) => `Done: ${shop} will not send you surveys any more.`,
  },
  'zh-CN': {
    title: '您的反馈',
    invalid: '此调查链接无效或已过期。',
    thanks: (score: number) => `谢谢！您的评分：${score}。`,
    pick: '请选择评分',
    change: '修改评分',
    comment: '还有什么想告诉我们的吗？（选填）',
    send: '提交',
    confirm: '请点击“提交”以记录您的评分。',
    saved: '谢谢，您的意见已保存。',
    followUp: '很抱歉没能让您满意，我们的同事会尽快与您联系。',
    unsubTitle: '退订调查邮件',
    unsubAsk: (shop: string) => `不再接收 ${shop} 的调查邮件？`,
    unsubButton: '退订',
    unsubDone: (shop: string) => `已退订：${shop} 将不再向您发送调查邮件。`,
  },
  de: {
    title: 'Ihre Meinung',
    invalid: 'Dieser Umfragelink ist ungültig oder abgelaufen.',
    thanks: (score: number) => `Vielen Dank! Ihre Antwort: ${score}.`,
    pick: 'Wählen Sie eine Bewertung',
    change: 'Bewertung ändern',
    comment: 'Möchten Sie uns noch etwas mitteilen? (optional)',
    send: 'Senden',
    confirm: 'Drücken Sie auf „Senden“, um Ihre Antwort zu übermitteln.',
    saved: 'Vielen Dank, Ihr Kommentar wurde gespeichert.',
    followUp: 'Es tut uns leid, dass es nicht besser war. Jemand aus unserem Team wird sich bei Ihnen melden.',
    unsubTitle: 'Umfragen abbestellen',
    unsubAsk: (shop: string) => `Keine Umfragen mehr von ${shop} erhalten?`,
    unsubButton: 'Abbestellen',
    unsubDone: (shop: string) => `Erledigt: ${shop} sendet Ihnen keine Umfragen mehr.`,
  },
} as const;

const css = `.scores{display:flex;flex-wrap:wrap;gap:.4rem;border:0;padding:0}.scores label{display:inline-flex;align-items:center;gap:.25rem;border:1px solid #57534e;border-radius:6px;padding:.4rem .7rem}`;

export function InvalidSurveyPage(props: { lang: Lang }) {
  const m = t[props.lang];
  return (
    <Layout title={m.title} lang={props.lang}>
      <h1>{m.title}</h1>
      <p class="alert">{m.invalid}</p>
    </Layout>
  );
}

export interface SurveyPageProps {
  lang: Lang;
  shopName: string;
  question: string;
  lowLabel: string;
  highLabel: string;
  scores: number[];
  /** The recorded score (null: not answered yet). */
  score: number | null;
  /** The score the radios start on: the link's when it is not recorded yet. */
  selected: number | null;
  comment: string | null;
  commentSaved: boolean;
  followUp: boolean;
  action: string;
}

/** One form, no JavaScript: the score radios (pre-set to the clicked score), a comment box, one button. */
export function SurveyPage(p: SurveyPageProps) {
  const m = t[p.lang];
  return (
    <Layout title={`${m.title} · ${p.shopName}`} lang={p.lang} css={css}>
      <h1>{p.question}</h1>
      {p.score !== null ? (
        <p class="notice" role="status">
          {m.thanks(p.score)}
        </p>
      ) : null}
      {p.commentSaved ? (
        <p class="notice" role="status">
          {m.saved}
        </p>
      ) : null}
      {p.followUp ? <p>{m.followUp}</p> : null}
      {p.selected !== null && p.selected !== p.score ? <p role="status">{m.confirm}</p> : null}
      <form method="post" action={p.action} class="card">
        <fieldset class="scores">
          <legend>
            {p.score === null ? m.pick : m.change} ({p.lowLabel} → {p.highLabel})
          </legend>
          {p.scores.map((v) => (
            <label>
              <input
                type="radio"
                name="score"
                value={String(v)}
                checked={p.selected === v}
                required={p.score === null}
              />{' '}
              {v}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="comment">{m.comment}</label>
          <textarea id="comment" name="comment" maxlength={2000}>
            {p.comment ?? ''}
          </textarea>
        </div>
        <button type="submit">{m.send}</button>
      </form>
    </Layout>
  );
}

export function UnsubscribePage(props: { lang: Lang; shopName: string; done: boolean; action: string }) {
  const m = t[props.lang];
  return (
    <Layout title={m.unsubTitle} lang={props.lang}>
      <h1>{m.unsubTitle}</h1>
      {props.done ? (
        <p class="notice" role="status">
          {m.unsubDone(props.shopName)}
        </p>
      ) : (
        <form method="post" action={props.action} class="card">
          <p>{m.unsubAsk(props.shopName)}</p>
          <button type="submit">{m.unsubButton}</button>
        </form>
      )}
    </Layout>
  );
}
