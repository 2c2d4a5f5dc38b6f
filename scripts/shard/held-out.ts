/** The shipped model's held-out check: each test user folded in, then Recall@20 and NDCG@20. */
import type { HeldOut } from '../../src/lib/data/model-codec';
import type { Shard } from '../../src/lib/data/shard-types';
import { evaluateRanker } from '../../src/lib/evaluation/evaluate';
import type { EvaluationSplit } from '../../src/lib/evaluation/split';
import { DEFAULT_FOLD_IN, foldIn } from '../../src/lib/model/fold-in';
import { scoreAll, type NcfModel } from '../../src/lib/model/ncf-model';
import type { NegativeSampler } from '../../src/lib/model/negative-sampler';

export function heldOutFigures(
  shard: Pick<Shard, 'catalogue' | 'ratings'>,
  split: EvaluationSplit,
  model: NcfModel,
  sampler: NegativeSampler,
): HeldOut {
  const scores = new Float32Array(shard.catalogue.size);
  const result = evaluateRanker(shard.ratings, shard.catalogue.size, split, {
    name: 'NCF',
    scores: (input) =>
      scoreAll(
        model,
        foldIn(model, input.items, input.feedback, sampler, DEFAULT_FOLD_IN).vector,
        scores,
      ),
  });
  return { recall: result.recall, ndcg: result.ndcg };
}
