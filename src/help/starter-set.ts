import type { Services } from '../services';
import { starterArticleFiles } from './starter-article-files';
import { installStarterArticles } from './starter-seed';

/**
 * Gives a shop the starter articles (published, in every language), leaving any it already has.
 * Called when a shop is first created; safe to call again.
 */
export async function installStarterSet(s: Services, shopId: string): Promise<void> {
  await installStarterArticles(s.d1(shopId), shopId, starterArticleFiles, s.clock.now());
}
