import type { Services } from '../services';
import { starterProcedureStatements } from './procedure-store';
import { starterArticleFiles } from './starter-article-files';
import { installStarterArticles } from './starter-seed';

/**
 * Gives a shop the starter articles (published, in every language) and the starter procedures,
 * leaving any it already has. Called when a shop is first created; safe to call again.
 */
export async function installStarterSet(s: Services, shopId: string): Promise<void> {
  const now = s.clock.now();
  await installStarterArticles(s.d1(shopId), shopId, starterArticleFiles, now);
  const d1 = s.d1(shopId);
  await d1.batch(starterProcedureStatements(shopId, now).map((st) => d1.prepare(st.sql).bind(...st.params)));
}
