import type { Child } from 'hono/jsx';
import { createContext, useContext } from 'hono/jsx';
import { type AdminFormatter, adminFormatter } from '../../i18n/admin';

/**
 * The member's language and the shop's zone for every admin component below a screen's root, so
 * a table cell can say `useAdmin().t('…')` without the page threading it through every prop.
 */
export const AdminContext = createContext<AdminFormatter>(adminFormatter('en', 'UTC'));

export const useAdmin = (): AdminFormatter => useContext(AdminContext);

export function AdminProvider(props: { fmt: AdminFormatter; children?: Child }) {
  return <AdminContext.Provider value={props.fmt}>{props.children}</AdminContext.Provider>;
}

/** An instant in the shop's zone and the member's language; UTC on hover and in `datetime`. */
export function When(props: { at: number | null | undefined; time?: boolean }) {
  const f = useAdmin();
  if (!props.at) return <>{f.t('common.none')}</>;
  return (
    <time datetime={new Date(props.at).toISOString()} title={f.utc(props.at)}>
      {f.date(props.at, props.time ?? true)}
    </time>
  );
}
