/**
 * Why a command refused, as a stable code. The API keeps the English problem `detail`; a screen
 * shows the code's message in the member's language (src/i18n/admin/command-errors.ts, which must
 * have every code listed here — its test walks this list). Vars fill the message's placeholders;
 * `status` is a case status, `language` a shop language and `amountMinor` + `currency` an amount, each
 * shown in that language.
 */
export const commandErrorCodes = [
  'case_exists',
  'case_not_found',
  'shop_not_found',
  'order_not_found',
  'status_forbids',
  'not_waiting_on_customer',
  'no_refund_pending',
  'unknown_command',
  'refund_in_progress',
  'already_refunded',
  'form_sent_twice',
  'case_changed',
  'item_not_on_case',
  'nothing_owed',
  'amount_over_ceiling',
  'exchange_variant_missing',
  'exchange_no_product',
  'exchange_variant_foreign',
  'exchange_out_of_stock',
  'resolution_not_offered',
  'items_not_returnable',
  'refund_unnamed',
  'member_inactive',
  'assign_others_forbidden',
  'no_customer_address',
  'approval_not_found',
  'approval_decided',
  'form_unreadable',
  'article_slug_taken',
  'macro_name_taken',
  'procedure_key_taken',
] as const;

export type CommandErrorCode = (typeof commandErrorCodes)[number];

export interface CommandErrorWhy {
  code: CommandErrorCode;
  vars?: Record<string, string | number>;
}
