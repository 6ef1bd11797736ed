/**
 * The closed vocabulary of `shop_events.type`: every change to a shop's configuration the audit trail
 * records. The activity screen has one sentence per type (src/i18n/admin/activity.ts).
 */
export const shopEventTypes = [
  'PolicyChanged',
  'SlaChanged',
  'TaxonomyChanged',
  'BlocklistEntryAdded',
  'BlocklistEntryRemoved',
  'TemplateChanged',
  'TemplateReset',
  'SupportAddressAdded',
  'SupportAddressChanged',
  'SupportAddressRemoved',
  'MemberInvited',
  'MemberJoined',
  'MemberChanged',
  'MemberRoleChanged',
  'MemberDeactivated',
  'MemberTokenIssued',
  'MemberTokenRevoked',
  'MacroSaved',
  'MacroDeleted',
  'ArticleSaved',
  'ArticleDeleted',
  'ProcedureSaved',
  'ProcedureDeleted',
  'SetupSkipped',
  'ReturnAddressChanged',
  'WebhookSecretRotated',
  'TokensReencrypted',
] as const;

export type ShopEventType = (typeof shopEventTypes)[number];

export const isShopEventType = (t: string): t is ShopEventType => (shopEventTypes as readonly string[]).includes(t);
