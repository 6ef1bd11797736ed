import type { Policy } from '../../cases/policy-schema';
import type { FieldErrors } from '../../admin/policy-form';
import { formatIntervals, priorities, weekdays } from './policy-format';
import { ErrorSummary } from '../layout';
import { AdminShell, Csrf, Flash, fieldErrorItems } from './shell';

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
  return (
    <section class="card" id="webhook-secret">
      <h2>Webhook signing secret</h2>
      <Flash ok={p.rotated ? 'New signing secret: update your receiver; the old one no longer verifies.' : undefined} />
      <p>
        Every webhook Aftercare sends carries <code>X-Aftercare-Signature</code>, signed with this secret. Keep it
        private.
      </p>
      <p>
        <code data-secret>{p.secret}</code>
      </p>
      <pre>
        <code>{verifySnippet}</code>
      </pre>
      <form method="post" action="/admin/sla/webhook-secret">
        <Csrf token={p.csrf} />
        <p>Rotating makes a new secret at once; deliveries signed after that no longer verify with the old one.</p>
        <button type="submit">Rotate signing secret</button>
      </form>
    </section>
  );
}

export function SlaPage(p: SlaPageProps) {
  const sla = p.policy.sla;
  const v = (k: string, fallback: string) => p.posted?.[k] ?? fallback;
  const on = (k: string, fallback: boolean) => (p.posted ? p.posted[k] === 'on' : fallback);
  const calendar = v('calendar', sla.calendar);
  return (
    <AdminShell title="SLA settings" path="/admin/sla" shop={p.shop} csrf={p.csrf}>
      <h1>Service levels</h1>
      <Flash ok={p.saved ? 'SLA settings saved; new and re-armed cases use them.' : undefined} />
      {p.errors?.length ? <ErrorSummary title="Not saved:" errors={fieldErrorItems(p.errors)} /> : null}
      <form method="post" action="/admin/sla" class="card">
        <Csrf token={p.csrf} />
        <h2>Targets (minutes)</h2>
        <table>
          <tr>
            <th>Priority</th>
            <th>First response</th>
            <th>Next update</th>
            <th>Resolution</th>
          </tr>
          {priorities.map((pr) => (
            <tr>
              <td>{pr}</td>
              <td>
                <input
                  name={`${pr}.firstResponse`}
                  type="number"
                  min="1"
                  aria-label={`${pr} first response minutes`}
                  value={v(`${pr}.firstResponse`, String(sla.targets[pr].firstResponseMinutes))}
                />
              </td>
              <td>
                <input
                  name={`${pr}.nextUpdate`}
                  type="number"
                  min="1"
                  aria-label={`${pr} next update minutes`}
                  value={v(`${pr}.nextUpdate`, String(sla.targets[pr].nextUpdateMinutes))}
                />
              </td>
              <td>
                <input
                  name={`${pr}.resolution`}
                  type="number"
                  min="1"
                  aria-label={`${pr} resolution minutes`}
                  value={v(`${pr}.resolution`, String(sla.targets[pr].resolutionMinutes))}
                />
              </td>
            </tr>
          ))}
        </table>
        <h2>Clock</h2>
        <label>
          <select name="calendar">
            <option value="24x7" selected={calendar === '24x7'}>
              Around the clock (24×7)
            </option>
            <option value="business" selected={calendar === 'business'}>
              Business hours only
            </option>
          </select>
        </label>
        <label>
          Time zone (IANA) <input name="timezone" value={v('timezone', sla.businessHours?.timezone ?? 'UTC')} />
        </label>
        <table>
          <tr>
            <th>Day</th>
            <th>Open hours (e.g. 09:00-12:00, 13:00-17:00; empty = closed)</th>
          </tr>
          {weekdays.map(([d, name]) => (
            <tr>
              <td>{name}</td>
              <td>
                <input
                  name={`hours.${d}`}
                  size={30}
                  aria-label={`${name} hours`}
                  value={v(`hours.${d}`, formatIntervals(sla.businessHours?.weekly[d]))}
                />
              </td>
            </tr>
          ))}
        </table>
        <label>
          Holidays (YYYY-MM-DD, one per line)
          <textarea name="holidays" rows={3}>
            {v('holidays', (sla.businessHours?.holidays ?? []).join('\n'))}
          </textarea>
        </label>
        <h2>Escalation</h2>
        <label>
          Warn at{' '}
          <input
            name="warnAtPercent"
            size={4}
            value={v('warnAtPercent', String(Math.round(sla.escalation.warnAtRatio * 100)))}
          />{' '}
          % of a target
        </label>
        <label>
          <input type="checkbox" name="tierUp" checked={on('tierUp', sla.escalation.tierUp)} /> On breach, move the case
          up a tier
        </label>
        <label>
          <input type="checkbox" name="priorityUp" checked={on('priorityUp', sla.escalation.priorityUp)} /> On breach,
          raise its priority
        </label>
        <label>
          Alert emails (comma-separated){' '}
          <input name="alertEmails" size={40} value={v('alertEmails', sla.escalation.alertEmails.join(', '))} />
        </label>
        <label>
          Alert webhook URL{' '}
          <input name="webhookUrl" type="url" size={40} value={v('webhookUrl', sla.escalation.webhookUrl ?? '')} />
        </label>
        <p>
          <button type="submit">Save SLA settings</button>
        </p>
      </form>
      <WebhookSecret csrf={p.csrf} secret={p.webhookSecret} rotated={p.rotated ?? false} />
    </AdminShell>
  );
}
