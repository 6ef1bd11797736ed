/**
 * The admin's words for values that come from data (a status, a role, a duration, an SLA marker),
 * in the member's language; a value this code does not know shows as itself.
 */
import type { SlaMarker } from '../../admin/sla-marker';
import { type AdminKey, type AdminTranslate, adminCatalogs } from '../../i18n/admin';

const has = (key: string): key is AdminKey => key in adminCatalogs.en;

/** `vocab.<group>.<value>` when the catalog has it, else the value with spaces for underscores. */
export function word(t: AdminTranslate, group: 'status' | 'type' | 'priority' | 'role' | 'target', value: string) {
  const key = `vocab.${group}.${value}`;
  return has(key) ? t(key) : value.replaceAll('_', ' ');
}

/** "3 h 20 m", "2 T. 4 Std.", "45 分钟": a duration as a person reads it, in their language. */
export function spokenDuration(t: AdminTranslate, ms: number | null): string {
  if (ms === null) return t('common.none');
  let m = Math.round(Math.abs(ms) / 60_000);
  const d = Math.floor(m / 1440);
  m -= d * 1440;
  const h = Math.floor(m / 60);
  m -= h * 60;
  const text =
    d > 0 ? t('duration.days', { d, h }) : h > 0 ? t('duration.hours', { h, m }) : t('duration.minutes', { m });
  return ms < 0 ? `-${text}` : text;
}

/** The queue's SLA cell: which target is next and how close, in the member's language. */
export function slaMarkerText(t: AdminTranslate, marker: SlaMarker): string {
  if (!marker.which) return t(marker.kind === 'breach' ? 'sla.marker.breached' : 'sla.marker.nothingDue');
  const vars = { target: word(t, 'target', marker.which), duration: spokenDuration(t, Math.abs(marker.leftMs ?? 0)) };
  if ((marker.leftMs ?? 0) < 0) return t('sla.marker.overdue', vars);
  return t(marker.kind === 'breach' ? 'sla.marker.breachedDueIn' : 'sla.marker.dueIn', vars);
}
