/**
 * Content: each anime against the user's content profile (genres, themes, studios, source and
 * synopsis terms, weighted by the user's own scores). The other side of the blend.
 */
import { contentScores } from '../content';
import { sharedFeatures } from '../explain';
import type { ContentRole, Signal } from './signal';

/**
 * Content weight by how many titles the list has (points, interpolated). Measured on held-out
 * users given 1, 3, 5 and 10 rated titles (`npm run evaluate -- --input-sizes 1,3,5,10`), the
 * blend at content weight 0.3 stays within 0.004 Recall@20 of 0.1 (1: 0.132 vs 0.133, 3: 0.160
 * vs 0.160, 5: 0.173 vs 0.177, 10: 0.187 vs 0.188) while 0.5 loses 0.005–0.02: so short lists
 * give content a larger say at no measurable cost, and full lists get the best blend, 0.1.
 */
export const AUTO_BLEND: [entries: number, contentWeight: number][] = [
  [1, 0.3],
  [10, 0.3],
  [40, 0.1],
];
/**
 * With no liked anime at all, content picks lean on popularity this much: alone they favour obscure
 * look-alikes (held-out Recall@20 with prior 1: 0.069, 2: 0.118, 4: 0.159, 8: 0.171; popularity
 * alone: 0.180).
 */
export const CONTENT_POPULARITY_PRIOR = 4;

export const content: Signal<'content', ContentRole, Float32Array> = {
  key: 'content',
  label: 'content',
  blend: { role: 'content', byListSize: AUTO_BLEND, popularityPrior: CONTENT_POPULARITY_PRIOR },
  scores: (ctx, _items, fit) => contentScores(ctx.content, fit.profile),
  explain: (ctx, { fit }, index) => ({
    sharedFeatures: sharedFeatures(ctx.content, fit.profile, index),
  }),
  evaluation: { name: () => 'content only' },
};
