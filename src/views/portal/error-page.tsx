/**
 * A refusal as a page: what went wrong (announced on load), what to do about it, and the way back
 * to the start. Inside the portal's frame (shop name, language switch) when the shop is known;
 * a bare page in the negotiated language when the refusal came first (unknown shop, bad proxy link).
 */
import { ErrorSummary, Layout } from '../layout';
import { PortalPage, portalHref, type PortalView } from './chrome';

export interface ErrorPageProps {
  ctx: PortalView | null;
  lang: string;
  /** The page's heading (the portal's name, as on the start page). */
  heading: string;
  title: string;
  hint?: string | undefined;
  backLabel: string;
  /** Where "start over" points without a frame. */
  back: string;
  /** Inside the frame: the portal path the link leads to (default: the start page). */
  backPath?: string;
}

export function ErrorPage(props: ErrorPageProps) {
  const body = (
    <>
      <h1>{props.heading}</h1>
      <section class="card">
        <ErrorSummary title={props.title} />
        {props.hint ? <p>{props.hint}</p> : null}
        <p>
          <a href={props.ctx ? portalHref(props.ctx, props.backPath ?? '') : props.back}>{props.backLabel}</a>
        </p>
      </section>
    </>
  );
  if (props.ctx)
    return (
      <PortalPage ctx={props.ctx} title={props.title}>
        {body}
      </PortalPage>
    );
  return (
    <Layout title={props.title} lang={props.lang}>
      {body}
    </Layout>
  );
}
