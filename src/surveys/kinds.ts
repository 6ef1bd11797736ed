import type { SurveyKind } from '../cases/survey-scores';
import type { Locale } from '../i18n';

/** The low-score thresholds live with the other case rules (src/cases/survey-scores.ts). */
export { isLowScore, lowScoreSql, type SurveyKind } from '../cases/survey-scores';

export const surveyScale: Record<SurveyKind, { min: number; max: number }> = {
  csat: { min: 1, max: 5 },
  nps: { min: 0, max: 10 },
  ces: { min: 1, max: 7 },
};

export function inScale(kind: SurveyKind, score: number): boolean {
  const { min, max } = surveyScale[kind];
  return Number.isInteger(score) && score >= min && score <= max;
}

const text = {
  en: {
    csat: { question: 'How satisfied are you?', low: 'very unsatisfied', high: 'very satisfied' },
    nps: {
      question: 'How likely are you to recommend us to a friend?',
      low: 'not at all likely',
      high: 'extremely likely',
    },
    ces: {
      question: 'How much effort did it take to get what you needed?',
      low: 'very little effort',
      high: 'a great deal of effort',
    },
    order: (name: string) => `your order ${name}`,
    case: (label: string) => `your request ${label}`,
  },
  'zh-CN': {
    csat: { question: '您对我们的服务满意吗？', low: '非常不满意', high: '非常满意' },
    nps: { question: '您有多大可能向朋友推荐我们？', low: '完全不可能', high: '非常可能' },
    ces: { question: '解决您的问题需要花费多少精力？', low: '几乎不费力', high: '非常费力' },
    order: (name: string) => `您的订单 ${name}`,
    case: (label: string) => `您的申请 ${label}`,
  },
  // The labels follow "zu" in the email ("zu Ihrer Bestellung #1001"), hence the dative.
  de: {
    csat: { question: 'Wie zufrieden sind Sie?', low: 'sehr unzufrieden', high: 'sehr zufrieden' },
    nps: {
      question: 'Wie wahrscheinlich ist es, dass Sie uns Freunden oder Bekannten weiterempfehlen?',
      low: 'überhaupt nicht wahrscheinlich',
      high: 'äußerst wahrscheinlich',
    },
    ces: {
      question: 'Wie viel Aufwand war nötig, um Ihr Anliegen zu erledigen?',
      low: 'sehr wenig Aufwand',
      high: 'sehr viel Aufwand',
    },
    order: (name: string) => `Ihrer Bestellung ${name}`,
    case: (label: string) => `Ihrer Anfrage ${label}`,
  },
} as const;

export function surveyText(locale: Locale) {
  return text[locale];
}
