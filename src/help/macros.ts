/**
 * Macros: saved replies an agent applies to a case, rendered in the case's language with the case's
 * own facts. Liquid, strict (a misspelt variable is refused at save, never sent as a blank), under
 * the same limits as the merchant's email templates.
 */
import { Liquid } from 'liquidjs';
import * as z from 'zod';
import { closestLocale, type Locale, locales } from '../i18n';
import { TEMPLATE_LIMITS } from '../notifications/template-limits';

const engine = new Liquid({ strictVariables: true, strictFilters: true, ownPropertyOnly: true, ...TEMPLATE_LIMITS });

export const macroInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  bodies: z
    .partialRecord(z.enum(locales), z.string().min(1).max(10_000))
    .refine((b) => Object.keys(b).length > 0, 'at least one language'),
  actions: z
    .strictObject({
      tags: z
        .array(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/))
        .max(10)
        .optional(),
      close: z.boolean().optional(),
    })
    .optional(),
});
export type MacroInput = z.infer<typeof macroInputSchema>;

/** What a macro may say: the case's facts, absent ones as empty strings (never a missing variable). */
export interface MacroVariables {
  customer: { name: string; email: string };
  order: { name: string };
  case: { number: string };
  shop: { name: string };
  tracking_url: string;
  return_label_url: string;
  status_url: string;
}

export const sampleMacroVariables: MacroVariables = {
  customer: { name: 'Sam', email: 'sam@example.com' },
  order: { name: '#1001' },
  case: { number: 'R-1001' },
  shop: { name: 'Demo Shop' },
  tracking_url: 'https://track.example/1Z999',
  return_label_url: 'https://labels.example/1.pdf',
  status_url: 'https://returns.example/status',
};

/** The body for the case's language: its own, else English, else the first there is. */
export function macroBodyFor(bodies: Partial<Record<Locale, string>>, caseLocale: string): string {
  const locale = closestLocale(caseLocale);
  return bodies[locale] ?? bodies.en ?? Object.values(bodies)[0] ?? '';
}

export function renderMacro(
  bodies: Partial<Record<Locale, string>>,
  caseLocale: string,
  variables: MacroVariables,
): string {
  return engine.parseAndRenderSync(macroBodyFor(bodies, caseLocale), variables).trim();
}

/** Why a macro cannot be saved (a body does not parse or names an unknown variable), or null. */
export function macroProblem(bodies: Partial<Record<Locale, string>>): { path: string; message: string } | null {
  for (const [locale, body] of Object.entries(bodies)) {
    try {
      engine.parseAndRenderSync(body, sampleMacroVariables);
    } catch (err) {
      return { path: `bodies.${locale}`, message: err instanceof Error ? err.message.split('\n')[0]! : String(err) };
    }
  }
  return null;
}
