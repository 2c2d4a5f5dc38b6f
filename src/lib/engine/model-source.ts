/**
 * Which model the recommendations use: a model trained from scratch on this device once it has
 * finished, otherwise the model that ships in the shard. Read once from IndexedDB (the model is
 * megabytes) and from the shard; `changed` drops what was read.
 */
import type { Shard } from '$lib/data/shard-types';
import type { NcfModel } from '$lib/model/ncf-model';
import { splitUsers } from '$lib/evaluation/split';
import { itemNorms } from '$lib/recommend/explain';
import { loadCheckpoint } from '$lib/storage/db';
import type { ModelDescription } from '$lib/recommend/signals';

/** A model as the recommenders use it, with what is derived from it once. */
export interface UsableModel {
  kind: 'shipped' | 'trained';
  /** Names this very model: a fold-in or fine-tune of another version is not reused. */
  version: string;
  model: NcfModel;
  samplingPower: number;
  /** Length of each anime embedding (cosine similarity, explanations). */
  norms: Float32Array;
  /** The shard user of each model user (null: model user u is shard user u). */
  shardUsers: ArrayLike<number> | null;
  /** The model in the page's words (a fine-tune of it keeps these and adds its own). */
  description: ModelDescription;
}

export interface ModelChoice {
  usable: UsableModel | null;
  /** What the page says about the model in use, in plain words. */
  description: ModelDescription;
}

export class ModelSource {
  #choice: Promise<ModelChoice> | null = null;

  constructor(
    private readonly shard: Shard,
    private readonly shardSha256: string,
  ) {}

  current(): Promise<ModelChoice> {
    this.#choice ??= this.choose().catch((error: unknown) => {
      this.#choice = null;
      throw error;
    });
    return this.#choice;
  }

  /** A model was stored or deleted: read again. */
  changed(): void {
    this.#choice = null;
  }

  private async choose(): Promise<ModelChoice> {
    const checkpoint = await loadCheckpoint().catch(() => undefined);
    const sameShard = checkpoint?.shardSha256 === this.shardSha256;
    const shipped = this.shard.model ?? null;
    if (checkpoint && sameShard && checkpoint.complete && checkpoint.epoch > 0) {
      const { model } = checkpoint;
      const shardUsers = checkpoint.holdout ? splitUsers(this.shard.ratings).trainUsers : null;
      const description: ModelDescription = {
        kind: 'trained',
        users: shardUsers?.length ?? this.shard.ratings.userCount,
        trainedAt: checkpoint.savedAt,
        recall: checkpoint.evaluation?.find((r) => r.name.startsWith('NCF'))?.recall,
        note: '',
      };
      return {
        usable: {
          kind: 'trained',
          version: `trained:${checkpoint.savedAt}`,
          model,
          samplingPower: checkpoint.config.samplingPower,
          norms: itemNorms(model),
          shardUsers,
          description,
        },
        description,
      };
    }
    const training =
      checkpoint && sameShard && !checkpoint.complete
        ? `Training from scratch on this device stopped at epoch ${checkpoint.epoch} of ` +
          `${checkpoint.config.epochs}; until it finishes, the model that came with the dataset is used.`
        : '';
    if (shipped) {
      const { info, model, shardUsers } = shipped;
      const description: ModelDescription = {
        kind: 'shipped',
        users: info.trainUsers,
        trainedAt: info.trainedAt,
        recall: info.heldOut?.quantised.recall,
        ndcg: info.heldOut?.quantised.ndcg,
        heldOutUsers: info.heldOut?.users,
        note: training,
      };
      return {
        usable: {
          kind: 'shipped',
          version: `shipped:${info.trainedAt}`,
          model,
          samplingPower: info.config.samplingPower,
          norms: itemNorms(model),
          shardUsers,
          description,
        },
        description,
      };
    }
    const problem = this.shard.modelProblem;
    return {
      usable: null,
      description: {
        kind: 'none',
        users: 0,
        trainedAt: '',
        problem,
        note:
          (problem
            ? `The model in the downloaded dataset could not be used (${problem}). `
            : 'This dataset has no model. ') +
          'These picks come from what fans of your favourites loved, and from content.',
      },
    };
  }
}
