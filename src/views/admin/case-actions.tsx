import type { CaseDetail } from '../../admin/case-detail';
import { itemConditions } from '../../commands/case-action-schema';
import { toDecimal } from '../../lib/money';
import { Csrf } from './shell';

export interface CannedReply {
  question: string;
  subject: string;
  text: string;
}

/** One small form per action; each posts to the same endpoint the JSON API's command runs behind. */
export interface CaseActionsProps {
  csrf: string;
  d: CaseDetail;
  canned: CannedReply[];
  /** Text inserted from the knowledge base into the question and note boxes. */
  insert?: string | null;
}

export function CaseActions({ csrf, d, canned, insert }: CaseActionsProps) {
  const c = d.loaded.row;
  const action = `/admin/cases/${c.id}/actions`;
  const Form = (p: { name: string; label: string; children?: unknown; secondary?: boolean }) => (
    <form method="post" action={action} class="card" data-action={p.name}>
      <Csrf token={csrf} />
      <input type="hidden" name="action" value={p.name} />
      {p.children as never}
      <button type="submit" class={p.secondary ? 'secondary' : undefined}>
        {p.label}
      </button>
    </form>
  );
  return (
    <section aria-labelledby="actions">
      <h2 id="actions">Actions</h2>
      <div class="grid">
        <Form name="approve" label="Approve">
          <label>
            Note (optional) <input name="note" size={30} />
          </label>
        </Form>
        <Form name="reject" label="Reject" secondary>
          <label>
            Reason (the shopper sees it) <input name="reason" size={30} required />
          </label>
        </Form>
        <Form name="request_info" label="Ask the customer">
          <label>
            Question
            <input name="message" size={34} list="canned-questions" required value={insert ?? undefined} />
          </label>
          <datalist id="canned-questions">
            {canned.map((r) => (
              <option value={r.question} />
            ))}
          </datalist>
          {canned.length ? (
            <details>
              <summary>Canned replies (as the customer will receive them)</summary>
              {canned.map((r) => (
                <div>
                  <p>
                    <strong>{r.subject}</strong>
                  </p>
                  <pre>{r.text}</pre>
                </div>
              ))}
            </details>
          ) : null}
        </Form>
        <Form name="receive" label="Mark received">
          {d.loaded.items.map((i) => (
            <label>
              {i.title ?? i.sku} ×{i.quantity} <input type="hidden" name="itemId" value={i.id} />
              <select name="condition" aria-label={`Condition of ${i.title ?? i.sku}`}>
                {itemConditions.map((k) => (
                  <option value={k} selected={(i.condition ?? 'as_new') === k}>
                    {k.replaceAll('_', ' ')}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </Form>
        <Form name="refund" label="Refund">
          <label>
            Amount ({c.currency}, empty = policy quote){' '}
            <input name="amount" size={10} placeholder={c.refundMinor ? toDecimal(c.refundMinor, c.currency) : ''} />
          </label>
        </Form>
        <Form name="store_credit" label="Issue store credit" secondary>
          <label>
            Amount ({c.currency}, empty = quote incl. bonus) <input name="amount" size={10} />
          </label>
        </Form>
        <Form name="exchange" label="Exchange">
          {d.loaded.items.map((i) => (
            <label>
              {i.title ?? i.sku}: new variant id <input type="hidden" name="itemId" value={i.id} />
              <input
                name="variantId"
                size={28}
                value={i.exchangeVariantId ?? ''}
                placeholder="gid://shopify/ProductVariant/…"
              />
            </label>
          ))}
        </Form>
        <Form name="close" label="Close" secondary>
          <label>
            Reason (optional) <input name="reason" size={30} />
          </label>
        </Form>
        <Form name="note" label="Add note">
          <label>
            Internal note{' '}
            <textarea name="text" rows={2} required>
              {insert ?? ''}
            </textarea>
          </label>
        </Form>
        <Form name="tag" label="Update tags" secondary>
          <label>
            Add (comma-separated) <input name="add" size={24} />
          </label>
          <label>
            Remove <input name="remove" size={24} value="" />
          </label>
        </Form>
      </div>
    </section>
  );
}
