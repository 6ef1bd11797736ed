import type { Context } from 'hono';

/** Back to the case page with a notice or an error in the member's language (`anchor`: where to land). */
export function backToCase(c: Context, caseId: string, anchor = '') {
  return (key: 'notice' | 'error', text: string) =>
    c.redirect(`/admin/cases/${caseId}?${key}=${encodeURIComponent(text.slice(0, 800))}${anchor}`, 303);
}
