import * as z from 'zod';

const address = z.object({
  name: z.string().nullish(),
  address1: z.string().nullish(),
  address2: z.string().nullish(),
  city: z.string().nullish(),
  province: z.string().nullish(),
  provinceCode: z.string().nullish(),
  zip: z.string().nullish(),
  country: z.string().nullish(),
  countryCode: z.string().nullish(),
  phone: z.string().nullish(),
});

/**
 * The part of `shops.settings` the jobs read. Each field falls back on its own, so one bad value
 * (set by hand in the database) does not throw away the shop's other choices.
 */
export const jobSettingsSchema = z.object({
  delayGraceDays: z.number().min(0).max(60).catch(2).default(2),
  stallDays: z.number().min(1).max(60).catch(4).default(4),
  surveyKind: z.enum(['csat', 'nps', 'ces']).catch('csat').default('csat'),
  surveyDelayDays: z.number().min(0).max(90).catch(7).default(7),
  surveysEnabled: z.boolean().catch(true).default(true),
  /** Goodwill discount for late orders: off, or a percentage off the next order. */
  goodwillDiscount: z
    .union([
      z.literal(false),
      z.literal(true).transform(() => ({ percent: 10, validDays: 30 })),
      z.object({
        percent: z.number().min(1).max(100).default(10),
        validDays: z.number().int().min(1).max(365).default(30),
      }),
    ])
    .catch(false)
    .default(false),
  pickupCarrier: z.enum(['easypost', 'manual']).catch('manual').default('manual'),
  pickupAllowedCarriers: z.array(z.string()).catch([]).default([]),
  pickupMaxCostMinor: z.number().int().nullable().catch(null).default(null),
  dropOffInstructions: z.string().catch('').default(''),
  returnAddress: address.nullable().catch(null).default(null),
});

export type JobSettings = z.infer<typeof jobSettingsSchema>;

export function jobSettings(raw: unknown): JobSettings {
  const obj = raw && typeof raw === 'object' ? raw : {};
  return jobSettingsSchema.parse(obj);
}
