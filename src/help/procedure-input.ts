/** What the admin API and screen take for a procedure, checked at the boundary. */
import * as z from 'zod';
import { caseTypes } from '../cases/vocabulary';
import { locales } from '../i18n';

const keyPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const stepIdPattern = /^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*$/;

const wordsByLanguage = (max: number) =>
  z
    .partialRecord(z.enum(locales), z.string().trim().max(max))
    .transform((words) => Object.fromEntries(Object.entries(words).filter(([, text]) => text !== '')))
    .refine((words) => Object.keys(words).length > 0, 'at least one language');

export const procedureStepInputSchema = z.strictObject({
  /** `<key>.<step>`; left out for a new step, which then gets the next free `<key>.step-<n>`. */
  id: z.string().max(81).regex(stepIdPattern, '<procedure key>.<step>, lower-case').optional(),
  labels: wordsByLanguage(300),
});

export const procedureInputSchema = z
  .strictObject({
    key: z.string().max(40).regex(keyPattern, 'lower-case letters, digits and single hyphens'),
    titles: wordsByLanguage(120),
    caseTypes: z.array(z.enum(caseTypes)).min(1).max(caseTypes.length),
    reasons: z
      .array(z.string().regex(/^[a-z0-9_]{1,40}$/))
      .max(20)
      .default([]),
    steps: z.array(procedureStepInputSchema).min(1).max(30),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.steps.forEach((step, i) => {
      if (!step.id) return;
      if (!step.id.startsWith(`${p.key}.`))
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `must start with "${p.key}."` });
      if (seen.has(step.id)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: 'used twice' });
      seen.add(step.id);
    });
  });

export type ProcedureInput = z.infer<typeof procedureInputSchema>;

/** Every step with an id: new ones get `<key>.step-<n>`, the first n not taken. */
export function withStepIds(input: ProcedureInput): Array<{ id: string; labels: Record<string, string> }> {
  const taken = new Set(input.steps.flatMap((s) => (s.id ? [s.id] : [])));
  let n = 1;
  return input.steps.map((step) => {
    if (step.id) return { id: step.id, labels: step.labels };
    while (taken.has(`${input.key}.step-${n}`)) n += 1;
    const id = `${input.key}.step-${n}`;
    taken.add(id);
    return { id, labels: step.labels };
  });
}
