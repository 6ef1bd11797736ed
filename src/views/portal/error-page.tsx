/** A refusal as a page: what went wrong, announced, and the way back to the start. */
import { ErrorSummary, Layout } from '../layout';

export function ErrorPage(props: { lang: string; title: string; back: string; backLabel: string }) {
  return (
    <Layout title={props.title} lang={props.lang}>
      <ErrorSummary title={props.title} />
      <p>
        <a href={props.back}>{props.backLabel}</a>
      </p>
    </Layout>
  );
}
