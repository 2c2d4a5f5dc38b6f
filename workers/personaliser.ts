/**
 * Fine-tuning the model with the user's stored list, in the worker's background, after an import
 * or an edit (unless the user switched it off). The result is stored in IndexedDB, keyed to the
 * shard, the base model and the list's version, and used while all three are unchanged.
 */
import type { Shard } from '../src/lib/data/shard-types';
import { userItems } from '../src/lib/library/user-items';
import type { CatalogueLookup } from '../src/lib/library/match';
import { fineTune } from '../src/lib/model/fine-tune';
import { DEFAULT_FOLD_IN, foldIn } from '../src/lib/model/fold-in';
import { createSampler } from '../src/lib/model/negative-sampler';
import { trainingSet } from '../src/lib/model/training-set';
import {
  FINE_TUNE_SETTING,
  loadFineTuned,
  loadLibrary,
  loadSetting,
  saveFineTuned,
} from '../src/lib/storage/db';
import type { UsableModel } from './model-source';
import { tunedInUse, type TunedInUse } from './tuned-model';

export interface PersonaliseResult {
  ms: number;
  examples: number;
}

export interface PersonaliserDeps {
  shard: Shard;
  shardSha256: string;
  lookup: () => CatalogueLookup;
  /** Positives per anime over every shard user: the negative-sampling weights. */
  positiveCounts: () => Float32Array;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class Personaliser {
  #tuned: { savedAt: string; tuned: TunedInUse } | null = null;
  #running: Promise<PersonaliseResult | null> | null = null;

  constructor(private readonly deps: PersonaliserDeps) {}

  /** Whether fine-tuning on this device is on (the default; the user can switch it off). */
  async enabled(): Promise<boolean> {
    return (await loadSetting<boolean>(FINE_TUNE_SETTING).catch(() => undefined)) !== false;
  }

  /** The stored fine-tune of `base` for this list, ready to use; null when there is none or it is off. */
  async tunedFor(base: UsableModel, libraryUpdatedAt: string): Promise<TunedInUse | null> {
    if (!(await this.enabled())) return null;
    const stored = await loadFineTuned().catch(() => undefined);
    if (
      !stored ||
      stored.shardSha256 !== this.deps.shardSha256 ||
      stored.baseVersion !== base.version ||
      stored.libraryUpdatedAt !== libraryUpdatedAt
    )
      return null;
    if (this.#tuned?.savedAt !== stored.savedAt) {
      this.#tuned = { savedAt: stored.savedAt, tuned: tunedInUse(stored, base) };
    }
    return this.#tuned.tuned;
  }

  /**
   * Fine-tunes `base` with the stored list and stores the result; null when there is nothing to
   * do (switched off, no list, nothing liked, already tuned) or the list changed meanwhile.
   */
  run(base: UsableModel | null): Promise<PersonaliseResult | null> {
    this.#running ??= this.fineTune(base).finally(() => (this.#running = null));
    return this.#running;
  }

  private async fineTune(base: UsableModel | null): Promise<PersonaliseResult | null> {
    const library = await loadLibrary();
    if (!library || !base || !(await this.enabled())) return null;
    if (await this.tunedFor(base, library.updatedAt)) return null;
    const { shard, lookup, positiveCounts } = this.deps;
    const { ratings, catalogue } = shard;
    const items = userItems(library.entries, lookup(), catalogue.size);
    if (items.positives === 0) return null;
    const started = performance.now();
    const sampler = createSampler(positiveCounts(), base.samplingPower);
    const folded = foldIn(base.model, items.items, items.feedback, sampler, DEFAULT_FOLD_IN);
    const modelUsers = base.shardUsers
      ? Array.from(base.shardUsers)
      : Array.from({ length: ratings.userCount }, (_, u) => u);
    const others = trainingSet(ratings, catalogue.size, modelUsers);
    const job = { base: base.model, others, user: items, start: folded, sampler };
    const tuned = await fineTune(job, nextTask);
    const ms = performance.now() - started;
    if ((await loadLibrary())?.updatedAt !== library.updatedAt) return null;
    await saveFineTuned({
      shardSha256: this.deps.shardSha256,
      baseVersion: base.version,
      libraryUpdatedAt: library.updatedAt,
      model: tuned.model,
      userRow: tuned.userRow,
      savedAt: new Date().toISOString(),
      ms,
      backend: 'JavaScript loop',
    });
    return { ms, examples: tuned.examples };
  }
}
