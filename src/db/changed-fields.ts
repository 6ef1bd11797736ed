/**
 * The compact before/after an audit event keeps of a settings change: the leaf fields that differ,
 * by dotted path (`sla.targets.urgent.firstResponseMinutes`). Arrays compare whole. Anything whose
 * name says secret, token or password is left out, long values are cut, and at most
 * `MAX_CHANGED_FIELDS` fields are kept (`more` counts the rest).
 */
export type FieldChange = { from: unknown; to: unknown };
export interface ChangedFields {
  changes: Record<string, FieldChange>;
  more?: number;
}

export const MAX_CHANGED_FIELDS = 30;
const MAX_VALUE_CHARS = 160;
const SECRET = /secret|token|password|passwd|apikey|api_key|credential/i;

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function compact(v: unknown): unknown {
  if (v === undefined) return null;
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  if (text.length <= MAX_VALUE_CHARS) return v;
  return `${text.slice(0, MAX_VALUE_CHARS - 1)}…`;
}

function walk(before: unknown, after: unknown, path: string, out: [string, FieldChange][]): void {
  if (isRecord(before) && isRecord(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (SECRET.test(key)) continue;
      walk(before[key], after[key], path ? `${path}.${key}` : key, out);
    }
    return;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  out.push([path, { from: compact(before), to: compact(after) }]);
}

/** The fields that differ between two JSON values (objects walked, everything else compared whole). */
export function changedFields(before: unknown, after: unknown): ChangedFields {
  const all: [string, FieldChange][] = [];
  walk(before, after, '', all);
  const kept = all.slice(0, MAX_CHANGED_FIELDS);
  return { changes: Object.fromEntries(kept), ...(all.length > kept.length ? { more: all.length - kept.length } : {}) };
}

export const hasChanges = (c: ChangedFields) => Object.keys(c.changes).length > 0;
