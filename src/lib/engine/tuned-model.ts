/** A stored fine-tuned model as the recommenders use it. */
import type { ModelDescription } from '$lib/recommend/signals';
import { itemNorms } from '$lib/recommend/explain';
import type { FineTunedModel } from '$lib/storage/db';
import type { UsableModel } from './model-source';
import { userVector, withoutUser } from '$lib/model/fine-tune';

export interface TunedInUse {
  /** The model without the user's own row, so that the user is not their own nearest user. */
  usable: UsableModel;
  vector: Float32Array;
  description: ModelDescription;
}

export function tunedInUse(stored: FineTunedModel, base: UsableModel): TunedInUse {
  const { model } = stored;
  const others = withoutUser(stored);
  return {
    usable: {
      kind: base.kind,
      version: `fine-tuned:${stored.savedAt}`,
      model: others,
      samplingPower: base.samplingPower,
      norms: itemNorms(model),
      shardUsers: base.shardUsers,
      description: base.description,
    },
    vector: userVector(stored),
    description: {
      ...base.description,
      kind: 'fine-tuned',
      base: base.kind,
      tunedAt: stored.savedAt,
      tuneMs: stored.ms,
      tunedOn: stored.backend,
      note: '',
    },
  };
}
