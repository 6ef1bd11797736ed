import type { Policy } from '../../cases/policy-schema';
import type { FieldErrors } from '../../admin/policy-form';
import { formatIntervals, priorities, weekdays } from './policy-format';
import { ErrorSummary } from '../layout';
import { intlLocale } from '../../i18n/locales';
import { useAdmin } from './i18n';
import { AdminShell, Csrf, Flash, fieldErrorItems } from './shell';
import { word } from './words';

export interface SlaPageProps {
  shop: string;
  csrf: string;
  policy: Policy;
  posted?: Record<string, string> | undefined;
  errors?: FieldErrors | undefined;
  saved?: boolean;
  rotated?: boolean;
  /** The shop's outbound webhook signing secret, shown so the merchant can verify deliveries. */
  webhookSecret: string;
}

/** How a receiver checks a delivery (Node or any runtime with Web Crypto), shown under the secret. */
const verifySnippet = `// X-Aftercare-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with your signing secret>
async function verifyAftercare(rawBody, header, secret) {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const hex = (header || '').replace(/^sha256=/, '');
  if (!/^[0-9a-f]{64}$/.test(hex)) return false;
  const sig = new Uint8Array(hex.match(/../g).map((b) => parseInt(b, 16)));
  return crypto.subtle.verify('HMAC', key, sig, enc.encode(rawBody)); // constant time
}
// Dedupe by X-Aftercare-Delivery: a retry carries the same id.`;

function WebhookSecret(p: { csrf: string; secret: string; rotated: boolean }) {
  const { t } = useAdmin();
  const [before, after] = t('sla.secret.about', { header: '{header}' }).split('{header}');
  return (
    <section class="card" id="webhook-secret">
      <h2>{t('sla.secret.title')}</h2>
      <Flash ok={p.rotated ? t('sla.secret.rotated') : undefined} />
      <p>
        {before}
        <code>X-Aftercare-Signature</code>
        {after}
      </p>
      <p>
        <code data-secret>{p.secret}</code>
      </p>
      <pre>
        <code>{verifySnippet}</code>
      </pre>
      <form method="post" action="/admin/sla/webhook-secret">
        <Csrf token={p.csrf} />
        <p>{t('sla.secret.rotateWarning')}</p>
        <button type="submit">{t('sla.secret.rotate')}</button>
      </form>
    </section>
  );
}

const targetColumns = [
  ['firstResponse', 'sla.col.firstResponse', 'firstResponseMinutes'],
  ['nextUpdate', 'sla.col.nextUpdate', 'nextUpdateMinutes'],
  ['resolution', 'sla.col.resolution', 'resolutionMinutes'],
] as const;

type Field = (k: string, fallback: string) => string;

function Targets({ sla, v }: { sla: Policy['sla']; v: Field }) {
  const { t } = useAdmin();
  return (
    <table>
      <tr>
        <th>{t('sla.col.priority')}</th>
        {targetColumns.map(([, key]) => (
          <th>{t(key)}</th>
        ))}
      </tr>
      {priorities.map((pr) => (
        <tr>
          <td>{word(t, 'priority', pr)}</td>
          {targetColumns.map(([name, key, minutes]) => (
            <td>
              <input
                name={`${pr}.${name}`}
                type="number"
                min="1"
                aria-label={t('sla.minutes', { priority: word(t, 'priority', pr), target: t(key) })}
                value={v(`${pr}.${name}`, String(sla.targets[pr][minutes]))}
              />
            </td>
          ))}
        </tr>
      ))}
    </table>
  );
}

function Clock({ sla, v, on }: { sla: Policy['sla']; v: Field; on: (k: string, f: boolean) => boolean }) {
  const { t, locale } = useAdmin();
  const calendar = v('calendar', sla.calendar);
  // 2026-01-05 was a Monday: day d of the week is 4 + d days into January.
  const dayName = new Intl.DateTimeFormat(intlLocale[locale], { weekday: 'long', timeZone: 'UTC' });
  const name = (d: string) => dayName.format(Date.UTC(2026, 0, 4 + Number(d)));
  return (
    <>
      <h2>{t('sla.clock')}</h2>
      <label>
        {t('sla.calendar')}{' '}
        <select name="calendar">
          <option value="24x7" selected={calendar === '24x7'}>
            {t('sla.calendar.24x7')}
          </option>
          <option value="business" selected={calendar === 'business'}>
            {t('sla.calendar.business')}
          </option>
        </select>
      </label>
      <label>
        {t('sla.timezone')} <input name="timezone" value={v('timezone', sla.businessHours?.timezone ?? 'UTC')} />
      </label>
      <table>
        <tr>
          <th>{t('sla.col.day')}</th>
          <th>{t('sla.col.hours')}</th>
        </tr>
        {weekdays.map(([d]) => (
          <tr>
            <td>{name(d)}</td>
            <td>
              <input
                name={`hours.${d}`}
                size={30}
                aria-label={t('sla.dayHours', { day: name(d) })}
                value={v(`hours.${d}`, formatIntervals(sla.businessHours?.weekly[d]))}
              />
            </td>
          </tr>
        ))}
      </table>
      <label>
        <input
          type="checkbox"
          name="pauseWhileParcelAway"
          aria-describedby="pause-while-parcel-away-hint"
          checked={on('pauseWhileParcelAway', sla.pauseResolutionWhileParcelAway)}
        />{' '}
        {t('sla.pauseWhileParcelAway')}
      </label>
      <p class="muted" id="pause-while-parcel-away-hint">
        {t('sla.pauseWhileParcelAway.hint')}
      </p>
      <label>
        {t('sla.holidays')}
        <textarea name="holidays" rows={3}>
          {v('holidays', (sla.businessHours?.holidays ?? []).join('\n'))}
        </textarea>
      </label>
    </>
  );
}

function Escalation({ sla, v, on }: { sla: Policy['sla']; v: Field; on: (k: string, f: boolean) => boolean }) {
  const { t } = useAdmin();
  return (
    <>
      <h2>{t('sla.escalation')}</h2>
      <label>
        {t('sla.warnAt')}{' '}
        <input
          name="warnAtPercent"
          size={4}
          value={v('warnAtPercent', String(Math.round(sla.escalation.warnAtRatio * 100)))}
        />{' '}
        {t('sla.warnAtSuffix')}
      </label>
      <label>
        <input type="checkbox" name="tierUp" checked={on('tierUp', sla.escalation.tierUp)} /> {t('sla.tierUp')}
      </label>
      <label>
        <input type="checkbox" name="priorityUp" checked={on('priorityUp', sla.escalation.priorityUp)} />{' '}
        {t('sla.priorityUp')}
      </label>
      <label>
        {t('sla.alertEmails')}{' '}
        <input name="alertEmails" size={40} value={v('alertEmails', sla.escalation.alertEmails.join(', '))} />
      </label>
      <label>
        {t('sla.webhookUrl')}{' '}
        <input name="webhookUrl" type="url" size={40} value={v('webhookUrl', sla.escalation.webhookUrl ?? '')} />
      </label>
    </>
  );
}

export function SlaPage(p: SlaPageProps) {
  const { t } = useAdmin();
  const sla = p.policy.sla;
  const v = (k: string, fallback: string) => p.posted?.[k] ?? fallback;
  const on = (k: string, fallback: boolean) => (p.posted ? p.posted[k] === 'on' : fallback);
  return (
    <AdminShell title={t('sla.title')} path="/admin/sla" shop={p.shop} csrf={p.csrf}>
      <h1>{t('sla.title')}</h1>
      <Flash ok={p.saved ? t('sla.saved') : undefined} />
      {p.errors?.length ? <ErrorSummary title={t('sla.notSaved')} errors={fieldErrorItems(p.errors)} /> : null}
      <form method="post" action="/admin/sla" class="card">
        <Csrf token={p.csrf} />
        <h2>{t('sla.targets')}</h2>
        <Targets sla={sla} v={v} />
        <Clock sla={sla} v={v} on={on} />
        <Escalation sla={sla} v={v} on={on} />
        <p>
          <button type="submit">{t('sla.save')}</button>
        </p>
      </form>
      <WebhookSecret csrf={p.csrf} secret={p.webhookSecret} rotated={p.rotated ?? false} />
    </AdminShell>
  );
}
