import type { caseTypes, priorities } from '../cases/vocabulary';
import { EXCHANGE_WORDS, type Intent, intentPrecedence, intentRules, LEGAL_THREAT } from './intent-rules';

export { type Intent, intents } from './intent-rules';

/** The case types a message can open; `inquiry` is the service desk's type for everything else. */
export type IntakeCaseType =
  | 'inquiry'
  | Extract<(typeof caseTypes)[number], 'return' | 'exchange' | 'warranty' | 'complaint'>;
export type Priority = (typeof priorities)[number];
export type Language = 'en' | 'zh' | 'de';

export interface Classification {
  intent: Intent;
  caseType: IntakeCaseType;
  priority: Priority;
  /** Every intent the text touches (the chosen one first), plus `legal-threat` when there is one. */
  tags: string[];
  language: Language;
}

const CASE_TYPE: Record<Intent, IntakeCaseType> = {
  where_is_my_order: 'inquiry',
  return_or_exchange: 'return',
  damaged_or_defective: 'warranty',
  cancel: 'inquiry',
  change_address: 'inquiry',
  refund_status: 'inquiry',
  complaint: 'complaint',
  other: 'inquiry',
};

// Cancelling and changing the address only help before the parcel ships: they cannot wait.
const PRIORITY: Record<Intent, Priority> = {
  where_is_my_order: 'normal',
  return_or_exchange: 'normal',
  damaged_or_defective: 'high',
  cancel: 'high',
  change_address: 'high',
  refund_status: 'normal',
  complaint: 'high',
  other: 'normal',
};

export function detectLanguage(text: string): Language {
  if (/[\u4e00-\u9fff]/.test(text)) return 'zh';
  const german = text.match(
    /[äöüß]|\b(?:ich|und|nicht|meine?|bestellung|bitte|danke|hallo|leider|ist|der|die|das|sie|haben|wann|wo|frage|kaputt)\b/gi,
  );
  return german && german.length >= 2 ? 'de' : 'en';
}

function scores(text: string): Map<Intent, number> {
  const byIntent = new Map<Intent, number>();
  for (const { intent, pattern, weight } of intentRules) {
    if (pattern.test(text)) byIntent.set(intent, (byIntent.get(intent) ?? 0) + weight);
  }
  return byIntent;
}

function ranked(byIntent: Map<Intent, number>): Intent[] {
  const order = (intent: Intent) => intentPrecedence.indexOf(intent);
  return [...byIntent.keys()].sort((a, b) => byIntent.get(b)! - byIntent.get(a)! || order(a) - order(b));
}

/** Classify a message by its subject and its new text (quoted history already folded away). */
export function classifyIntent(subject: string, newText: string): Classification {
  // Reply prefixes carry no intent; our own subject ("Your return R-1012") would otherwise vote.
  const cleanSubject = subject.replace(/^(?:\s*(?:re|aw|wg|fw|fwd|回复|答复|转发)\s*[:：])+/i, '');
  const text = `${cleanSubject}\n${newText}`.slice(0, 20_000);
  const byIntent = scores(text);
  const legalThreat = LEGAL_THREAT.test(text);
  if (legalThreat) byIntent.set('complaint', (byIntent.get('complaint') ?? 0) + 2);
  const matched = ranked(byIntent);
  const intent = matched[0] ?? 'other';
  const caseType = intent === 'return_or_exchange' && EXCHANGE_WORDS.test(text) ? 'exchange' : CASE_TYPE[intent];
  return {
    intent,
    caseType,
    priority: legalThreat ? 'urgent' : PRIORITY[intent],
    tags: [...matched, ...(legalThreat ? ['legal-threat'] : [])],
    language: detectLanguage(text),
  };
}

const LADDER: Priority[] = ['low', 'normal', 'high', 'urgent'];

/** One step up for a VIP, one for a customer already angry (low survey score, writing again unanswered). */
export function raisePriority(base: Priority, { vip = false, angry = false }: { vip?: boolean; angry?: boolean }) {
  const steps = Number(vip) + Number(angry);
  return LADDER[Math.min(LADDER.indexOf(base) + steps, LADDER.length - 1)]!;
}
