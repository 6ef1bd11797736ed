/**
 * The shop's policy document: return policy, classification/routing and SLA settings.
 * One zod schema serves the admin API (GET/PUT /api/admin/policy), the admin editor, the
 * OpenAPI document and the pure policy engine. `defaultPolicy()` is what a new shop gets.
 */
import * as z from 'zod';
import { builtInReasonLabels } from '../i18n/reason-labels';
import { isTimeZone } from '../lib/zone-time';

export const priorityEnum = z.enum(['low', 'normal', 'high', 'urgent']);
export type Priority = z.infer<typeof priorityEnum>;

export const reasonRuleSchema = z.object({
  code: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9_]+$/),
  label: z.record(z.string(), z.string()).default({}),
  photoRequired: z.boolean().default(false),
  /** Who pays the return shipping for this reason. */
  shippingPaidBy: z.enum(['customer', 'merchant']).default('customer'),
  /** Damaged, defective or wrong item: restocking and shipping fees are waived. */
  waiveFees: z.boolean().default(false),
  /** Raises the case's priority (defective, wrong item). */
  priority: priorityEnum.optional(),
  /** Which case type a return with this reason becomes. */
  caseType: z.enum(['return', 'exchange', 'warranty', 'complaint']).optional(),
  /** No longer offered to shoppers; kept so past cases still read its label and rules. */
  retired: z.boolean().optional(),
});
export type ReasonRule = z.infer<typeof reasonRuleSchema>;

export const feeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('percent'), basisPoints: z.int().min(0).max(10_000) }),
  z.object({ kind: z.literal('fixed'), amountMinor: z.int().min(0) }),
]);
export type Fee = z.infer<typeof feeSchema>;

export const conditionSchema = z.object({
  field: z.enum([
    'reason',
    'orderValueMinor',
    'itemValueMinor',
    'customerTag',
    'productType',
    'resolution',
    'customerReturns',
  ]),
  op: z.enum(['eq', 'neq', 'in', 'lt', 'lte', 'gt', 'gte']),
  value: z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]),
});
export type Condition = z.infer<typeof conditionSchema>;

export const autoApproveRuleSchema = z.object({
  name: z.string().min(1).max(100),
  when: z.array(conditionSchema).default([]),
  then: z.enum(['approve', 'review', 'reject']),
});
export type AutoApproveRule = z.infer<typeof autoApproveRuleSchema>;

export const routingRuleSchema = z.object({
  name: z.string().min(1).max(100),
  when: z.array(conditionSchema).default([]),
  tier: z.int().min(1).max(3).optional(),
  priority: priorityEnum.optional(),
  assignee: z.string().max(200).optional(),
});
export type RoutingRule = z.infer<typeof routingRuleSchema>;

export const slaTargetSchema = z.object({
  firstResponseMinutes: z.int().positive(),
  nextUpdateMinutes: z.int().positive(),
  resolutionMinutes: z.int().positive(),
});
export type SlaTarget = z.infer<typeof slaTargetSchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/);
export const businessHoursSchema = z.object({
  timezone: z.string().min(1).refine(isTimeZone, 'not an IANA time zone').default('UTC'),
  /** Monday=1 … Sunday=7; each day a list of open intervals in local time. */
  weekly: z
    .partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), z.array(z.object({ open: hhmm, close: hhmm })))
    .default({}),
  /** Local dates (YYYY-MM-DD) when the team is closed all day. */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

export const MAX_ALERT_EMAILS = 10;

/**
 * Where merchant webhooks may go: https (the signed body and the case data travel in it), or plain
 * http to this machine's loopback under `npm run dev` (a deployed Worker cannot reach a loopback
 * address, so allowing it costs nothing there). No credentials in the URL: they would sit in logs.
 */
export function isAllowedWebhookUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export const escalationSchema = z.object({
  /** Share of a target after which a warning fires (0.8 = 80%). */
  warnAtRatio: z.number().gt(0).lt(1).default(0.8),
  tierUp: z.boolean().default(true),
  priorityUp: z.boolean().default(true),
  reassignTo: z.record(z.string(), z.string()).default({}),
  /** Who is told of breaches: a few team addresses, not a mailing list (each alert is one email to each). */
  alertEmails: z.array(z.email().max(254)).max(MAX_ALERT_EMAILS).default([]),
  webhookUrl: z
    .url()
    .max(2000)
    .refine(isAllowedWebhookUrl, {
      message: 'The webhook URL must use https (plain http only to localhost or 127.0.0.1, for local development).',
    })
    .optional(),
});

export const slaSchema = z.object({
  calendar: z.enum(['24x7', 'business']).default('24x7'),
  businessHours: businessHoursSchema.optional(),
  targets: z.object({
    urgent: slaTargetSchema,
    high: slaTargetSchema,
    normal: slaTargetSchema,
    low: slaTargetSchema,
  }),
  escalation: escalationSchema.default({
    warnAtRatio: 0.8,
    tierUp: true,
    priorityUp: true,
    reassignTo: {},
    alertEmails: [],
  }),
});
export type SlaPolicy = z.infer<typeof slaSchema>;

/** Per role (src/team/roles.ts), the largest amount it may move alone; absent from the policy = the defaults there. */
export const approvalLimitsSchema = z.object({
  agent: z.int().min(0).nullable(),
  specialist: z.int().min(0).nullable(),
  manager: z.int().min(0).nullable(),
  owner: z.int().min(0).nullable(),
});

export const policySchema = z.object({
  returnWindowDays: z.int().min(0).max(3650),
  /** Orders tagged with these or lines with these product tags / types are final sale. */
  finalSaleTags: z.array(z.string()).default([]),
  finalSaleProductTypes: z.array(z.string()).default([]),
  reasons: z.array(reasonRuleSchema).min(1),
  restockingFee: feeSchema.default({ kind: 'none' }),
  returnShippingFee: feeSchema.default({ kind: 'none' }),
  /** Extra store credit on top of the refund value, in basis points (1000 = +10%). */
  storeCreditBonusBasisPoints: z.int().min(0).max(10_000).default(0),
  resolutions: z.object({
    refund: z.boolean().default(true),
    storeCredit: z.boolean().default(true),
    exchange: z.boolean().default(true),
  }),
  methods: z.object({ pickup: z.boolean().default(true), dropOff: z.boolean().default(true) }),
  /** Items worth less than this (per unit) are refunded without being sent back. 0 = never. */
  keepItemUnderMinor: z.int().min(0).default(0),
  serialReturner: z.object({ maxReturns: z.int().min(1), windowDays: z.int().min(1) }),
  autoApprove: z.array(autoApproveRuleSchema).default([]),
  routing: z.array(routingRuleSchema).default([]),
  /** Orders above this value (minor units) are high priority. 0 = off. */
  highValueOrderMinor: z.int().min(0).default(0),
  vipTags: z.array(z.string()).default(['VIP']),
  help: z
    .object({
      summary: z.record(z.string(), z.string()).default({}),
      faq: z.array(z.object({ q: z.record(z.string(), z.string()), a: z.record(z.string(), z.string()) })).default([]),
    })
    .default({ summary: {}, faq: [] }),
  sla: slaSchema,
  /** Per role, the most (minor units) one refund or credit may move without a manager's approval; null = no limit. */
  approvalLimits: approvalLimitsSchema.optional(),
});
export type Policy = z.infer<typeof policySchema>;

/** What a new shop starts with: 30 days, the common reasons, calendar-hours SLA. */
export function defaultPolicy(): Policy {
  return policySchema.parse({
    returnWindowDays: 30,
    finalSaleTags: ['final-sale'],
    finalSaleProductTypes: ['Gift Card'],
    reasons: [
      { code: 'too_small', label: { ...builtInReasonLabels.too_small } },
      { code: 'too_large', label: { ...builtInReasonLabels.too_large } },
      { code: 'not_as_described', label: { ...builtInReasonLabels.not_as_described } },
      { code: 'changed_mind', label: { ...builtInReasonLabels.changed_mind } },
      {
        code: 'damaged',
        label: { ...builtInReasonLabels.damaged },
        photoRequired: true,
        shippingPaidBy: 'merchant',
        waiveFees: true,
        priority: 'high',
      },
      {
        code: 'defective',
        label: { ...builtInReasonLabels.defective },
        photoRequired: true,
        shippingPaidBy: 'merchant',
        waiveFees: true,
        priority: 'high',
        caseType: 'warranty',
      },
      {
        code: 'wrong_item',
        label: { ...builtInReasonLabels.wrong_item },
        shippingPaidBy: 'merchant',
        waiveFees: true,
        priority: 'high',
      },
    ],
    restockingFee: { kind: 'none' },
    returnShippingFee: { kind: 'fixed', amountMinor: 500 },
    storeCreditBonusBasisPoints: 1000,
    resolutions: { refund: true, storeCredit: true, exchange: true },
    methods: { pickup: true, dropOff: true },
    keepItemUnderMinor: 0,
    serialReturner: { maxReturns: 5, windowDays: 90 },
    autoApprove: [],
    routing: [],
    highValueOrderMinor: 50_000,
    vipTags: ['VIP'],
    sla: {
      calendar: '24x7',
      targets: {
        urgent: { firstResponseMinutes: 60, nextUpdateMinutes: 240, resolutionMinutes: 1440 },
        high: { firstResponseMinutes: 240, nextUpdateMinutes: 480, resolutionMinutes: 2880 },
        normal: { firstResponseMinutes: 480, nextUpdateMinutes: 1440, resolutionMinutes: 4320 },
        low: { firstResponseMinutes: 1440, nextUpdateMinutes: 2880, resolutionMinutes: 10080 },
      },
    },
  });
}
