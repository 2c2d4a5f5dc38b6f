/**
 * Fine-tuning the model with the user's stored list, in the worker's background, after an import
 * or an edit (unless the user switched it off). The result is stored in IndexedDB, keyed to the
 * shard, the base model and the list's version, and used while all three are unchanged.
 */
import type { Shard } from '$lib/data/shard-types';
import { recommenderEntries } from '$lib/library/hidden';
import { userItems, type UserItems } from '$lib/library/user-items';
import type { CatalogueLookup } from '$lib/library/match';
import { fineTune } from '$lib/model/fine-tune';
import type { FoldedUser } from '$lib/model/fold-in';
import type { NcfModel } from '$lib/model/ncf-model';
import type { Stepper } from '$lib/model/train-loop';
import { createSampler } from '$lib/model/negative-sampler';
import { trainingSet, type TrainingSet } from '$lib/model/training-set';
import { FINE_TUNE_SETTING, loadFineTuned, loadSetting, saveFineTuned } from '$lib/storage/db';
import { loadLibrary, loadLibraryMeta } from '$lib/storage/library-store';
import type { UsableModel } from './model-source';
import { tunedInUse, type TunedInUse } from './tuned-model';
import type { PersonaliseResult } from './api';

export interface PersonaliserDeps {
  shard: Shard;
  shardSha256: string;
  lookup: () => CatalogueLookup;
  /** Positives per anime over every shard user: the negative-sampling weights. */
  positiveCounts: () => Float32Array;
  /** The user's fold-in against `base` (stored, or fitted and stored): the fine-tune's start. */
  foldedUser: (
    base: UsableModel,
    items: UserItems,
    libraryUpdatedAt: string,
  ) => Promise<FoldedUser>;
  /** Where the fine-tune steps (WebGPU on a hardware GPU), and its label for the model page. */
  stepper: () => Promise<{ makeStepper: (initial: NcfModel) => Stepper; label: string }>;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class Personaliser {
  /** The stored fine-tune looked up for one base model and list version (the model is megabytes). */
  #tuned: { key: string; tuned: TunedInUse | null } | null = null;
  /** The model users' labelled entries, replayed by every fine-tune of one base model. */
  #replay: { version: string; set: TrainingSet } | null = null;
  #running: Promise<PersonaliseResult | null> | null = null;

  constructor(private readonly deps: PersonaliserDeps) {}

  /** Whether fine-tuning on this device is on (the default; the user can switch it off). */
  async enabled(): Promise<boolean> {
    return (await loadSetting<boolean>(FINE_TUNE_SETTING).catch(() => undefined)) !== false;
  }

  /** The stored fine-tune of `base` for this list, ready to use; null when there is none or it is off. */
  async tunedFor(base: UsableModel, libraryUpdatedAt: string): Promise<TunedInUse | null> {
    if (!(await this.enabled())) return null;
    const key = `${base.version}|${libraryUpdatedAt}`;
    if (this.#tuned?.key !== key) {
      const stored = await loadFineTuned().catch(() => undefined);
      const matches =
        stored?.shardSha256 === this.deps.shardSha256 &&
        stored.baseVersion === base.version &&
        stored.libraryUpdatedAt === libraryUpdatedAt;
      this.#tuned = { key, tuned: matches ? tunedInUse(stored, base) : null };
    }
    return this.#tuned.tuned;
  }

  /** Resolves once no fine-tune is running (a training run must not switch backends under one). */
  async idle(): Promise<void> {
    await this.#running?.catch(() => null);
  }

  /** A model was stored or deleted (here or in another tab): look the fine-tune up again. */
  forget(): void {
    this.#tuned = null;
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
    const items = userItems(recommenderEntries(library), lookup(), shard.catalogue.size);
    if (items.positives === 0) return null;
    const started = performance.now();
    const sampler = createSampler(positiveCounts(), base.samplingPower);
    const folded = await this.deps.foldedUser(base, items, library.updatedAt);
    const job = {
      base: base.model,
      others: this.replaySet(base),
      user: items,
      start: folded,
      sampler,
    };
    const stepping = await this.deps.stepper();
    const tuned = await fineTune(job, { makeStepper: stepping.makeStepper, onEpoch: nextTask });
    const ms = performance.now() - started;
    if ((await loadLibraryMeta())?.updatedAt !== library.updatedAt) return null;
    await saveFineTuned({
      shardSha256: this.deps.shardSha256,
      baseVersion: base.version,
      libraryUpdatedAt: library.updatedAt,
      model: tuned.model,
      userRow: tuned.userRow,
      savedAt: new Date().toISOString(),
      ms,
      // Read after the run: a GPU that failed on the way leaves the plain loop's name in it.
      backend: stepping.label,
    });
    this.forget();
    return { ms, examples: tuned.examples };
  }

  private replaySet(base: UsableModel): TrainingSet {
    if (this.#replay?.version !== base.version) {
      const { ratings, catalogue } = this.deps.shard;
      const modelUsers = base.shardUsers
        ? Array.from(base.shardUsers)
        : Array.from({ length: ratings.userCount }, (_, u) => u);
      this.#replay = {
        version: base.version,
        set: trainingSet(ratings, catalogue.size, modelUsers),
      };
    }
    return this.#replay.set;
  }
}
