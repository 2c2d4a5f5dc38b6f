/**
 * The rankers the evaluation table compares, built around one trained NCF model: NCF alone,
 * content alone and their blends. They share each user's fold-in and content profile (the
 * harness hands every ranker the same input object in turn).
 */
import type { Catalogue } from '$lib/data/shard-types';
import type { Ranker, TestListInput } from '$lib/model/evaluate';
import { foldIn, type FoldInConfig } from '$lib/model/fold-in';
import { scoreAll, type NcfModel } from '$lib/model/ncf-model';
import type { NegativeSampler } from '$lib/model/negative-sampler';
import { blend } from './blend';
import {
  buildContentIndex,
  contentScores,
  entryWeights,
  userProfile,
  type ContentIndex,
} from './content';

export const BLEND_WEIGHTS = [0.1, 0.2, 0.3, 0.5];

export function hybridRankers(
  catalogue: Catalogue,
  ncf: { model: NcfModel; sampler: NegativeSampler },
  fold?: FoldInConfig,
  content: ContentIndex = buildContentIndex(catalogue),
): Ranker[] {
  let lastInput: TestListInput | null = null;
  let collaborative: Float32Array = new Float32Array(catalogue.size);
  let similar: Float32Array = new Float32Array(catalogue.size);
  const both = (input: TestListInput) => {
    if (input !== lastInput) {
      lastInput = input;
      const user = foldIn(ncf.model, input.items, input.feedback, ncf.sampler, fold);
      collaborative = scoreAll(ncf.model, user.vector);
      const profile = userProfile(content, input.items, entryWeights(input.scores, input.feedback));
      similar = contentScores(content, profile);
    }
    return { collaborative, similar };
  };
  return [
    { name: `NCF (dim ${ncf.model.dim})`, scores: (input) => both(input).collaborative },
    { name: 'content only', scores: (input) => both(input).similar },
    ...BLEND_WEIGHTS.map((w) => ({
      name: `hybrid, content weight ${w}`,
      scores: (input: TestListInput) => {
        const { collaborative: a, similar: b } = both(input);
        return blend(a, b, w);
      },
    })),
  ];
}
