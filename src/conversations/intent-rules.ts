/**
 * The words that tell what a customer wants, in English, Chinese (zh-CN) and German. One table, so
 * a phrase missed in one language is added here and nowhere else. A rule's weight says how sure
 * it is: a question about a refund's status is surer than the word "refund" alone.
 */
export const intents = [
  'where_is_my_order',
  'return_or_exchange',
  'damaged_or_defective',
  'cancel',
  'change_address',
  'refund_status',
  'complaint',
  'other',
] as const;
export type Intent = (typeof intents)[number];

export interface IntentRule {
  intent: Exclude<Intent, 'other'>;
  pattern: RegExp;
  weight: number;
}

const rule = (intent: IntentRule['intent'], pattern: RegExp, weight = 1): IntentRule => ({ intent, pattern, weight });

export const intentRules: IntentRule[] = [
  rule('where_is_my_order', /where(?:'s| is) my (?:order|package|parcel|shipment|delivery)/i, 2),
  rule(
    'where_is_my_order',
    /\b(?:tracking|track my|delivery status|shipping status|still waiting|not (?:yet )?(?:arrived|received|shipped)|(?:has|have)n'?t (?:arrived|shipped|been delivered)|when will (?:it|my order|my package) (?:arrive|ship))\b/i,
  ),
  rule(
    'where_is_my_order',
    /物流|快递|到哪|还没(?:有)?(?:到|收到|发货)|没(?:有)?收到|未收到|什么时候(?:发货|能到|到)|配送|查.{0,4}(?:物流|订单)/,
  ),
  rule('where_is_my_order', /wo (?:ist|bleibt) (?:meine|mein) (?:bestellung|paket|sendung|lieferung)/i, 2),
  rule(
    'where_is_my_order',
    /(?:noch )?nicht (?:angekommen|erhalten|geliefert|verschickt)|sendungsverfolgung|sendungsnummer|lieferstatus|wann kommt/i,
  ),

  rule(
    'return_or_exchange',
    /\b(?:return(?:ing|ed)?|send (?:it|them) back|exchange|swap|wrong size|too (?:small|big|large|tight)|does(?:n't| not) fit)\b/i,
  ),
  rule('return_or_exchange', /退货|换货|退回|寄回|退换|尺码不(?:合适|对)|不合适|太(?:大|小)了|换(?:一个|个|成)/),
  rule(
    'return_or_exchange',
    /rücksend|zurück(?:senden|schicken|geben)|umtausch|retoure|widerruf|passt nicht|zu (?:klein|groß|eng)/i,
  ),

  rule(
    'damaged_or_defective',
    /\b(?:damaged|broken|defective|faulty|cracked|smashed|torn|scratched|(?:does(?:n't| not)|stopped|not) work(?:ing)?)\b/i,
    2,
  ),
  rule('damaged_or_defective', /破损|损坏|坏了|质量问题|不能用|无法使用|碎了|故障|瑕疵|摔坏/, 2),
  rule(
    'damaged_or_defective',
    /beschädigt|kaputt|defekt|funktioniert nicht|zerbrochen|gebrochen|mangelhaft|zerkratzt/i,
    2,
  ),

  rule('cancel', /\bcancel(?:l?ed|l?ing|lation)?\b/i, 2),
  rule('cancel', /取消(?:订单)?|不想要了|撤销订单/, 2),
  rule('cancel', /stornier|storno|abbestellen/i, 2),

  rule(
    'change_address',
    /\b(?:change|update|correct) (?:my |the )?(?:shipping |delivery )?address|wrong address|new address|address change\b/i,
    3,
  ),
  rule('change_address', /(?:修改|更改|改)(?:一下)?(?:收货)?地址|地址(?:写)?错/, 3),
  rule(
    'change_address',
    /adresse (?:ändern|korrigieren)|adressänderung|neue (?:liefer)?adresse|falsche (?:liefer)?adresse/i,
    3,
  ),

  rule('refund_status', /\brefund(?:ed|s)?\b|money back|reimburse/i),
  rule(
    'refund_status',
    /where(?:'s| is) my refund|(?:haven't|have not|not) (?:yet )?(?:received|got(?:ten)?) (?:my|the) (?:refund|money)|when (?:will|do) i (?:get|receive) (?:my|the) (?:refund|money)/i,
    2,
  ),
  rule('refund_status', /退款|退钱|返还/),
  rule('refund_status', /退款.{0,8}(?:什么时候|多久|到账|还没|没有?收到)|(?:什么时候|何时).{0,6}退款/, 2),
  rule('refund_status', /rückerstattung|erstattung|geld zurück|gutschrift/i),
  rule(
    'refund_status',
    /(?:wann|wo) (?:bekomme|erhalte|ist) (?:ich )?(?:mein(?:e)? )?(?:geld|rückerstattung|erstattung)/i,
    2,
  ),

  rule(
    'complaint',
    /\b(?:complain(?:t)?|unacceptable|terrible|worst|disgusting|ridiculous|scam|rip-?off|(?:very|extremely) (?:disappointed|unhappy)|never (?:again|buy)|furious|outraged)\b/i,
    2,
  ),
  rule('complaint', /投诉|差评|太差|垃圾|骗子|气愤|非常不满|很失望|欺骗/, 2),
  rule('complaint', /beschwerde|beschweren|unverschämt|frechheit|enttäuscht|katastrophe|betrug|unmöglich/i, 2),
];

/** Threats of chargebacks, lawyers or regulators: urgent whatever else the message is about. */
export const LEGAL_THREAT =
  /chargeback|lawyer|attorney|legal action|paypal (?:dispute|claim)|trading standards|rechtsanwalt|anwalt|verbraucherzentrale|律师|起诉|12315|消协|消费者协会/i;

/** Between two intents with the same score, the more specific (and costlier to miss) one wins. */
export const intentPrecedence: Intent[] = [
  'damaged_or_defective',
  'complaint',
  'cancel',
  'change_address',
  'refund_status',
  'return_or_exchange',
  'where_is_my_order',
  'other',
];

export const EXCHANGE_WORDS = /\b(?:exchange|swap)\b|换货|换(?:一个|个|成)|umtausch/i;
