/**
 * The built-in return reasons' labels in every language we speak. The default policy takes its
 * labels from here, and a shop whose policy was saved before a language was added still shows the
 * built-in reasons in that language: a stored `{ en: 'Too small' }` reads "Zu klein" to a German
 * shopper. A reason the merchant renamed keeps the merchant's words (we cannot translate those).
 */
import type { Locale } from './index';

export const builtInReasonLabels = {
  too_small: { en: 'Too small', 'zh-CN': '尺码偏小', de: 'Zu klein' },
  too_large: { en: 'Too large', 'zh-CN': '尺码偏大', de: 'Zu groß' },
  not_as_described: { en: 'Not as described', 'zh-CN': '与描述不符', de: 'Entspricht nicht der Beschreibung' },
  changed_mind: { en: 'Changed my mind', 'zh-CN': '不想要了', de: 'Gefällt mir nicht mehr' },
  damaged: { en: 'Arrived damaged', 'zh-CN': '到货损坏', de: 'Beschädigt angekommen' },
  defective: { en: 'Defective', 'zh-CN': '质量问题', de: 'Defekt' },
  wrong_item: { en: 'Wrong item sent', 'zh-CN': '发错商品', de: 'Falscher Artikel geliefert' },
} satisfies Record<string, Record<Locale, string>>;

/**
 * A reason's label for the shopper: the policy's own label in that language; else, for a built-in
 * reason whose English label is still ours, our translation; else the policy's English, else the code.
 */
export function reasonLabel(
  reason: { code: string; label?: Record<string, string> | undefined } | undefined,
  locale: Locale,
  code: string,
): string {
  const own = reason?.label?.[locale];
  if (own) return own;
  const builtIn = (builtInReasonLabels as Record<string, Record<Locale, string>>)[code];
  const english = reason?.label?.en;
  if (builtIn && (english === undefined || english === builtIn.en)) return builtIn[locale];
  return english ?? code;
}
