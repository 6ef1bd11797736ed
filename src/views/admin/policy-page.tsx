import type { LineEligibility } from '../../cases/policy';
import type { Policy } from '../../cases/policy-schema';
import type { FieldErrors } from '../../admin/policy-form';
import { feeValue } from './policy-format';
import { toDecimal } from '../../lib/money';
import { dateTime, money } from './format';
import { ErrorSummary } from '../layout';
import { AdminShell, Csrf, Flash, fieldErrorItems } from './shell';

export interface PreviewLine {
  title: string;
  quantity: number;
  result: LineEligibility;
}

export interface PolicyPageProps {
  shop: string;
  csrf: string;
  currency: string;
  policy: Policy;
  /** What was posted when it did not validate (re-shown as typed). */
  posted?: Record<string, string> | undefined;
  errors?: FieldErrors | undefined;
  saved?: boolean;
  blocklist: Array<{ id: string; kind: string; value: string; reason: string | null }>;
  preview?: { orderName: string; lines: PreviewLine[] | null; error?: string | undefined } | undefined;
}

function FeeField(props: {
  name: string;
  label: string;
  fee: Policy['restockingFee'];
  currency: string;
  posted?: Record<string, string> | undefined;
}) {
  const kind = props.posted?.[`${props.name}Kind`] ?? props.fee.kind;
  return (
    <fieldset>
      <legend>{props.label}</legend>
      <select name={`${props.name}Kind`} aria-label={`${props.label} kind`}>
        {(['none', 'percent', 'fixed'] as const).map((k) => (
          <option value={k} selected={kind === k}>
            {k === 'none' ? 'None' : k === 'percent' ? 'Percent of item value' : `Fixed amount (${props.currency})`}
          </option>
        ))}
      </select>{' '}
      <input
        name={`${props.name}Value`}
        size={8}
        aria-label={`${props.label} value`}
        value={props.posted?.[`${props.name}Value`] ?? feeValue(props.fee, props.currency)}
      />
    </fieldset>
  );
}

export function PolicyPage(p: PolicyPageProps) {
  const v = (k: string, fallback: string) => p.posted?.[k] ?? fallback;
  const on = (k: string, fallback: boolean) => (p.posted ? p.posted[k] === 'on' : fallback);
  const cur = p.currency;
  return (
    <AdminShell title="Return policy" path="/admin/policy" shop={p.shop} csrf={p.csrf}>
      <h1>Return policy</h1>
      <Flash ok={p.saved ? 'Policy saved. The shopper page uses it from now on.' : undefined} />
      {p.errors?.length ? <ErrorSummary title="Not saved:" errors={fieldErrorItems(p.errors)} /> : null}
      <form method="post" action="/admin/policy" class="card">
        <Csrf token={p.csrf} />
        <div class="grid">
          <div>
            <label>
              Return window (days after delivery){' '}
              <input
                name="returnWindowDays"
                type="number"
                min="0"
                max="3650"
                value={v('returnWindowDays', String(p.policy.returnWindowDays))}
              />
            </label>
            <label>
              Final-sale tags (comma-separated){' '}
              <input name="finalSaleTags" size={30} value={v('finalSaleTags', p.policy.finalSaleTags.join(', '))} />
            </label>
            <label>
              Final-sale product types{' '}
              <input
                name="finalSaleProductTypes"
                size={30}
                value={v('finalSaleProductTypes', p.policy.finalSaleProductTypes.join(', '))}
              />
            </label>
            <FeeField
              name="restockingFee"
              label="Restocking fee"
              fee={p.policy.restockingFee}
              currency={cur}
              posted={p.posted}
            />
            <FeeField
              name="returnShippingFee"
              label="Return shipping fee"
              fee={p.policy.returnShippingFee}
              currency={cur}
              posted={p.posted}
            />
            <label>
              Store-credit bonus (%){' '}
              <input
                name="storeCreditBonusPercent"
                size={6}
                value={v('storeCreditBonusPercent', String(p.policy.storeCreditBonusBasisPoints / 100))}
              />
            </label>
          </div>
          <div>
            <fieldset>
              <legend>Resolutions offered</legend>
              <label>
                <input type="checkbox" name="refund" checked={on('refund', p.policy.resolutions.refund)} /> Refund
              </label>
              <label>
                <input
                  type="checkbox"
                  name="storeCredit"
                  checked={on('storeCredit', p.policy.resolutions.storeCredit)}
                />{' '}
                Store credit
              </label>
              <label>
                <input type="checkbox" name="exchange" checked={on('exchange', p.policy.resolutions.exchange)} />{' '}
                Exchange
              </label>
            </fieldset>
            <fieldset>
              <legend>Return methods</legend>
              <label>
                <input type="checkbox" name="pickup" checked={on('pickup', p.policy.methods.pickup)} /> Carrier pickup
              </label>
              <label>
                <input type="checkbox" name="dropOff" checked={on('dropOff', p.policy.methods.dropOff)} /> Drop-off
              </label>
            </fieldset>
            <label>
              Keep the item when worth less than ({cur}, 0 = never){' '}
              <input
                name="keepItemUnder"
                size={8}
                value={v('keepItemUnder', toDecimal(p.policy.keepItemUnderMinor, cur))}
              />
            </label>
            <label>
              Serial returner: more than{' '}
              <input
                name="serialMaxReturns"
                type="number"
                min="1"
                size={4}
                value={v('serialMaxReturns', String(p.policy.serialReturner.maxReturns))}
              />{' '}
              returns in{' '}
              <input
                name="serialWindowDays"
                type="number"
                min="1"
                size={4}
                value={v('serialWindowDays', String(p.policy.serialReturner.windowDays))}
              />{' '}
              days
            </label>
            <label>
              High-value order from ({cur}, 0 = off){' '}
              <input
                name="highValueOrder"
                size={10}
                value={v('highValueOrder', toDecimal(p.policy.highValueOrderMinor, cur))}
              />
            </label>
            <label>
              VIP customer tags <input name="vipTags" size={24} value={v('vipTags', p.policy.vipTags.join(', '))} />
            </label>
          </div>
        </div>
        <label>
          Reasons and their rules (JSON: code, label per language, photoRequired, shippingPaidBy, waiveFees, priority,
          caseType)
          <textarea name="reasons" rows={10}>
            {v('reasons', JSON.stringify(p.policy.reasons, null, 2))}
          </textarea>
        </label>
        <label>
          Auto-approve rules (JSON: name, when[field, op, value], then approve | review | reject)
          <textarea name="autoApprove" rows={5}>
            {v('autoApprove', JSON.stringify(p.policy.autoApprove, null, 2))}
          </textarea>
        </label>
        <label>
          Routing rules (JSON: name, when, tier, priority, assignee)
          <textarea name="routing" rows={4}>
            {v('routing', JSON.stringify(p.policy.routing, null, 2))}
          </textarea>
        </label>
        <p>
          <button type="submit" name="intent" value="save">
            Save policy
          </button>{' '}
          <label style="display:inline">
            or try it on order{' '}
            <input name="previewOrder" size={8} placeholder="#1001" value={p.preview?.orderName ?? ''} />
          </label>{' '}
          <button type="submit" name="intent" value="preview" class="secondary">
            Preview without saving
          </button>
        </p>
      </form>
      {p.preview ? <Preview {...p.preview} currency={cur} /> : null}
      <section class="card">
        <h2>Blocklist</h2>
        <table>
          <tr>
            <th>Kind</th>
            <th>Value</th>
            <th>Reason</th>
            <th></th>
          </tr>
          {p.blocklist.map((b) => (
            <tr>
              <td>{b.kind}</td>
              <td>{b.value}</td>
              <td>{b.reason ?? ''}</td>
              <td>
                <form method="post" action="/admin/policy/blocklist/remove" class="inline">
                  <Csrf token={p.csrf} />
                  <input type="hidden" name="id" value={b.id} />
                  <button class="secondary" type="submit">
                    Remove
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </table>
        <form method="post" action="/admin/policy/blocklist" class="filters" style="margin-top:.5rem">
          <Csrf token={p.csrf} />
          <label>
            Email <input name="value" type="email" required />
          </label>
          <label>
            Reason <input name="reason" />
          </label>
          <button type="submit">Block</button>
        </form>
      </section>
    </AdminShell>
  );
}

function Preview(p: { orderName: string; lines: PreviewLine[] | null; error?: string | undefined; currency: string }) {
  return (
    <section class="card" aria-labelledby="preview">
      <h2 id="preview">What the shopper would see for {p.orderName}</h2>
      {p.error ? <p class="error">{p.error}</p> : null}
      {p.lines ? (
        <table>
          <tr>
            <th>Item</th>
            <th class="num">Qty</th>
            <th>Eligible</th>
            <th>Why / return by</th>
          </tr>
          {p.lines.map((l) => (
            <tr data-eligible={String(l.result.eligible)}>
              <td>{l.title}</td>
              <td class="num">{l.result.eligible ? `${l.result.returnableQuantity} of ${l.quantity}` : l.quantity}</td>
              <td>
                {l.result.eligible ? (
                  <span class="pill ok">eligible</span>
                ) : (
                  <span class="pill breach">not eligible</span>
                )}
              </td>
              <td>
                {l.result.eligible
                  ? `Return by ${dateTime(l.result.returnBy)}${l.result.keepItem ? ' · keeps the item' : ''}`
                  : `${l.result.code.replaceAll('_', ' ')}${l.result.returnBy ? ` (window closed ${dateTime(l.result.returnBy)})` : ''}`}
                {' · '}
                {money(l.result.unitValueMinor, p.currency)} each
              </td>
            </tr>
          ))}
        </table>
      ) : null}
    </section>
  );
}
