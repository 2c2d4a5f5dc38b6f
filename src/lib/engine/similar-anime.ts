/** An anime page's "More like this": by the model in use, by content, and what its fans loved. */
import type { UsableModel } from './model-source';
import type { ShardIndices } from './shard-indices';
import {
  contentSimilarity,
  embeddingSimilarity,
  fansAlsoLiked,
  leanOnPopularity,
  SIMILAR_PRIORS,
  type SimilarPriors,
} from '$lib/recommend/similar';
import { popularityAxis } from '$lib/recommend/blend';
import { contentVector, sharedFeatures } from '$lib/recommend/explain';
import type { ModelTag, SimilarItem, SimilarLists } from './api';

/** The kinds of entry a franchise is started with (not a music video, a PV or a recap). */
const MAIN_TYPES = new Set(['TV', 'Movie', 'OVA', 'ONA']);

/** How many candidates each list hands the page, which filters them down. */
export const SIMILAR_CANDIDATES = 300;

/**
 * The three lists for catalogue entry `item`; `priors` set how much content and fans' lists lean
 * on popularity (the main ranking's by default; zero gives the similarity alone); anime marked in
 * `hidden` (the user is not interested) are left out.
 */
export function similarLists(
  indices: ShardIndices,
  model: UsableModel | null,
  tag: ModelTag,
  item: number,
  priors: SimilarPriors = SIMILAR_PRIORS,
  hidden?: Uint8Array,
): SimilarLists {
  const { catalogue, ratings } = indices.shard;
  const franchises = indices.franchises();
  const group = franchises.group[item]!;
  const popularity = popularityAxis(catalogue.members);
  const typeOf = (k: number) => catalogue.type.labels[catalogue.type.codes[k]!] ?? '';
  /** Anime of other franchises with a positive `similarity`, best `order` first. */
  const top = (
    similarity: Float32Array,
    order: Float32Array,
    reason: (j: number) => string,
  ): SimilarItem[] => {
    const candidates: number[] = [];
    for (let j = 0; j < catalogue.size; j++)
      if (
        franchises.group[j] !== group &&
        !hidden?.[j] &&
        Number.isFinite(similarity[j]) &&
        similarity[j]! > 0
      )
        candidates.push(j);
    // One entry per franchise, at its best place: the entry most people list (where a fan
    // starts: Code Geass, not R2; not a promotional video).
    const isCandidate = new Set(candidates);
    const entryOf = (members: number[]) => {
      const main = members.filter((k) => isCandidate.has(k) && MAIN_TYPES.has(typeOf(k)));
      return main.sort((a, b) => catalogue.members[b]! - catalogue.members[a]!)[0];
    };
    const shown = new Set<number>();
    const out: SimilarItem[] = [];
    for (const j of candidates.sort((a, b) => order[b]! - order[a]! || a - b)) {
      const g = franchises.group[j]!;
      if (shown.has(g)) continue;
      shown.add(g);
      const first = entryOf(franchises.members.get(g) ?? [j]) ?? j;
      out.push({ index: first, reason: reason(first) });
      if (out.length === SIMILAR_CANDIDATES) break;
    }
    return out;
  };
  const byEmbedding = model
    ? (() => {
        const similarity = embeddingSimilarity(model.model, model.norms, item);
        return top(
          similarity,
          similarity,
          (j) => `Embedding similarity ${similarity[j]!.toFixed(2)}`,
        );
      })()
    : null;
  const content = indices.content();
  const vector = contentVector(content, item);
  const byContentSimilarity = contentSimilarity(content, item);
  const byContent = top(
    byContentSimilarity,
    leanOnPopularity(byContentSimilarity, popularity, priors.content),
    (j) => {
      const shared = sharedFeatures(content, vector, j);
      return shared.length ? `Shares ${shared.join(', ')}` : 'Similar synopsis';
    },
  );
  const fans = fansAlsoLiked(ratings, indices.positiveCounts(), item);
  return {
    byEmbedding,
    embeddingNote: model ? '' : 'The model could not be loaded (see For you).',
    byContent,
    fansAlsoLiked: top(
      fans.scores,
      leanOnPopularity(fans.scores, popularity, priors.fans),
      (j) => `Loved by ${fans.counts[j]} of the ${fans.fans} users here who loved it`,
    ),
    fans: fans.fans,
    franchise: (franchises.members.get(group) ?? []).filter((j) => j !== item),
    model: tag,
  };
}
