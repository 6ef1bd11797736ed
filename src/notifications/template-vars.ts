import * as z from 'zod';

/**
 * The variables each notification template may use. Templates render with LiquidJS in strict mode,
 * so a template that names a variable missing here fails its test, and a caller that forgets one
 * fails at `prepareNotification` (parsed here) instead of sending a half-empty email.
 * `shop` ({ name, email }) is added by the renderer for every template.
 */
const name = z.string().nullable();
const url = z.string();
const item = z.object({ title: z.string(), quantity: z.number().int() });

export const templateVars = {
  return_confirmation: z.object({
    customer_name: name,
    order_name: z.string(),
    case_number: z.string(),
    items: z.array(item),
    method: z.string(),
    status_url: url,
  }),
  return_approved: z.object({
    customer_name: name,
    order_name: z.string(),
    case_number: z.string(),
    method: z.string(),
    instructions: z.string().nullable(),
    status_url: url,
  }),
  return_rejected: z.object({
    customer_name: name,
    order_name: z.string(),
    case_number: z.string(),
    reason: z.string(),
  }),
  info_requested: z.object({ customer_name: name, case_number: z.string(), question: z.string(), status_url: url }),
  refund_issued: z.object({ customer_name: name, case_number: z.string(), amount: z.string(), order_name: z.string() }),
  store_credit_issued: z.object({
    customer_name: name,
    case_number: z.string(),
    amount: z.string(),
    code: z.string().nullable(),
  }),
  exchange_created: z.object({
    customer_name: name,
    case_number: z.string(),
    items: z.array(item),
    new_order_name: z.string().nullable(),
  }),
  pickup_scheduled: z.object({
    customer_name: name,
    case_number: z.string(),
    carrier: z.string(),
    confirmation: z.string(),
    window: z.string(),
    address: z.string(),
    label_url: z.string().nullable(),
  }),
  drop_off_instructions: z.object({
    customer_name: name,
    case_number: z.string(),
    carrier: z.string(),
    instructions: z.string(),
    label_url: z.string().nullable(),
  }),
  delay_notice: z.object({
    customer_name: name,
    order_name: z.string(),
    carrier: z.string(),
    estimated_delivery: z.string().nullable(),
    tracking_url: z.string().nullable(),
    stalled: z.boolean(),
    discount_code: z.string().nullable(),
  }),
  survey: z.object({
    customer_name: name,
    subject_label: z.string(),
    question: z.string(),
    low_label: z.string(),
    high_label: z.string(),
    scores: z.array(z.object({ score: z.number().int(), url })),
    unsubscribe_url: url,
  }),
  sla_warning: z.object({ case_number: z.string(), target: z.string(), due_at: z.string(), case_url: url }),
  sla_breach: z.object({ case_number: z.string(), target: z.string(), due_at: z.string(), case_url: url }),
  sign_in_link: z.object({ member_name: z.string(), sign_in_url: url, valid_minutes: z.number().int() }),
  data_export: z.object({ customer_email: z.string(), summary: z.string(), download_url: z.string().nullable() }),
  case_update: z.object({
    customer_name: name,
    case_number: z.string(),
    status: z.string(),
    message: z.string(),
    status_url: url,
  }),
  /** An agent's public reply on a case (src/conversations/send-reply.ts); threaded by its headers. */
  case_reply: z.object({
    customer_name: name,
    case_number: z.string(),
    subject: z.string(),
    body: z.string(),
    status_url: url,
  }),
  early_warning: z.object({
    kind: z.string(),
    subject: z.string(),
    metric: z.string(),
    observed: z.string(),
    expected: z.string(),
    since: z.string(),
    alerts_url: url,
  }),
  weekly_review: z.object({
    week: z.string(),
    cases: z.number().int(),
    orders: z.number().int(),
    contact_rate: z.string(),
    sla_compliance: z.string(),
    csat: z.string(),
    top_problems: z.array(
      z.object({ sku: z.string(), reason: z.string(), quantity: z.number().int(), change: z.number() }),
    ),
    new_problems: z.number().int(),
    open_actions: z.number().int(),
    /** Share of the cases done that needed one reply at most and were not reopened ('—' without any). */
    first_contact_rate: z.string(),
    /** Medians in hours, one decimal in the shop's language ('—' without any). */
    first_reply_hours: z.string(),
    resolution_hours: z.string(),
    /** Per currency: refunds + store credit + return labels, formatted. */
    cost: z.array(z.object({ total: z.string(), refunded: z.string(), credit: z.string(), labels: z.string() })),
    review_url: url,
  }),
} as const;

export type NotificationKind = keyof typeof templateVars;
export const notificationKinds = Object.keys(templateVars) as NotificationKind[];
export type TemplateVars<K extends NotificationKind> = z.infer<(typeof templateVars)[K]>;
