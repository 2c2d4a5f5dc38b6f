/**
 * The stored list's signals in the worker: which model is in use for it (the base, or its
 * fine-tune with this list), the user's stored fold-in, and `userSignals` over the shard's
 * indices. One computation per list version and model; explanations read that same result.
 */
import { hiddenMask, hiddenTitles, recommenderEntries } from '$lib/library/hidden';
import { userItems, type UserItems } from '$lib/library/user-items';
import type { Library } from '$lib/library/library';
import { DEFAULT_FOLD_IN, foldIn } from '$lib/model/fold-in';
import { createSampler } from '$lib/model/negative-sampler';
import type { Explanation } from '$lib/recommend/explain';
import { copyArrays, type ModelDescription, type UserSignals } from '$lib/recommend/signals';
import {
  explainSignals,
  userSignals,
  type ComputedSignals,
  type SignalContext,
} from '$lib/recommend/user-signals';
import { loadProfile, saveProfile } from '$lib/storage/db';
import { loadLibrary } from '$lib/storage/library-store';
import type { ModelTag, PersonaliseResult, SignalsProgress } from './api';
import { ModelSource, type UsableModel } from './model-source';
import { Personaliser } from './personaliser';
import type { ShardIndices } from './shard-indices';
import type { TunedInUse } from './tuned-model';

/** The model in use for the stored list. */
export interface ListModel {
  base: UsableModel | null;
  tuned: TunedInUse | null;
  /** The model the signals read: the fine-tune when there is one, else the base. */
  inUse: UsableModel | null;
  description: ModelDescription;
  tag: ModelTag;
}

/** One list version's signals, and what they were computed from. */
interface ListResult {
  key: string;
  library: Library;
  items: UserItems;
  context: SignalContext;
  signals: ComputedSignals;
  model: ListModel;
  foldInMs: number;
  reusedFoldIn: boolean;
}

export class ListSignals {
  readonly models: ModelSource;
  readonly personaliser: Personaliser;
  #result: Promise<ListResult | null> | null = null;

  constructor(
    private readonly indices: ShardIndices,
    /** Whether a training run holds the TF.js backend (the fine-tune then keeps off it). */
    trainingRuns: () => boolean,
  ) {
    const { shard, shardSha256 } = indices;
    this.models = new ModelSource(shard, shardSha256);
    this.personaliser = new Personaliser({
      shard,
      shardSha256,
      lookup: () => indices.lookup(),
      positiveCounts: () => indices.positiveCounts(),
      foldedUser: (usable, items, libraryUpdatedAt) =>
        this.foldedUser(usable, items, libraryUpdatedAt),
      // TF.js loads with the first fine-tune, not with the worker: its start-up waits for less.
      stepper: () => import('./backend').then((b) => b.fineTuneStepper(trainingRuns())),
    });
  }

  /** The list changed: its signals are computed afresh on the next request. */
  listChanged(): void {
    this.#result = null;
  }

  /** A model was stored or deleted (here or in another tab): read it again. */
  modelChanged(): void {
    this.models.changed();
    this.personaliser.forget();
    this.#result = null;
  }

  /** The model in use for the stored list (`library`, read when not given). */
  async listModel(library?: Library | null): Promise<ListModel> {
    const { usable, description } = await this.models.current();
    const stored = library === undefined ? await loadLibrary() : library;
    const tuned =
      usable && stored ? await this.personaliser.tunedFor(usable, stored.updatedAt) : null;
    const inUse = tuned?.usable ?? usable;
    const described = tuned?.description ?? description;
    return {
      base: usable,
      tuned,
      inUse,
      description: described,
      tag: { kind: described.kind, version: inUse?.version ?? '' },
    };
  }

  /**
   * What every user's signals are built from, with `model` (none: item-kNN and content);
   * `whole: false` does not wait for item-kNN (its signal is then missing).
   */
  async context(model: UsableModel | null, whole = true): Promise<SignalContext> {
    const { shard } = this.indices;
    return {
      catalogue: shard.catalogue,
      ratings: shard.ratings,
      content: this.indices.content(),
      franchises: this.indices.franchises(),
      itemKnn: whole ? await this.indices.itemKnn() : this.indices.itemKnnIfReady(),
      ease: shard.model?.ease?.ease ?? null,
      model: model && {
        model: model.model,
        norms: model.norms,
        ratingRows: model.shardUsers,
        sampler: createSampler(this.indices.positiveCounts(), model.samplingPower),
      },
    };
  }

  /** Per-anime signals for the stored list, ready to transfer; null when there is no list. */
  async signals(progress: SignalsProgress = () => {}): Promise<UserSignals | null> {
    const started = performance.now();
    const result = await this.current(progress);
    if (!result) return null;
    const { signals, model, items, library } = result;
    return {
      ...copyArrays(signals),
      modelNote: model.description.note,
      model: model.description,
      canPersonalise:
        !!model.base && !model.tuned && items.positives > 0 && (await this.personaliser.enabled()),
      listEntries: library.entries.length,
      usedEntries: items.items.length,
      foldInMs: result.foldInMs,
      reusedFoldIn: result.reusedFoldIn,
      withoutItemKnn: !result.context.itemKnn,
      ms: performance.now() - started,
    };
  }

  /** Reasons for each of `indices`, from the signals of the list as stored now. */
  async explain(indices: number[]): Promise<Explanation[]> {
    const result = await this.current();
    return result ? explainSignals(result.context, result.items, result.signals, indices) : [];
  }

  /** Resolves once item-kNN is ready (signals computed without it are then computed again). */
  async itemKnnReady(): Promise<void> {
    await this.indices.itemKnn();
  }

  /** Fine-tunes the model in use with the stored list, unless the user switched it off. */
  async personalise(): Promise<PersonaliseResult | null> {
    const result = await this.personaliser.run((await this.models.current()).usable);
    if (result) this.#result = null;
    return result;
  }

  /** The stored list's items and signals (For you's own), with their context; null: no list. */
  async stored(): Promise<Pick<ListResult, 'items' | 'signals' | 'context'> | null> {
    return this.current();
  }

  /** The stored list's signals, computed once per list version and model. */
  private async current(progress: SignalsProgress = () => {}): Promise<ListResult | null> {
    const library = await loadLibrary();
    const model = await this.listModel(library ?? null);
    const key = `${library?.updatedAt}|${model.tag.version}`;
    const cached = await this.#result?.catch(() => null);
    const stale = !cached?.context.itemKnn && this.indices.itemKnnIfReady();
    if (cached?.key === key && library && !stale) return cached;
    this.#result = library ? this.compute(key, library, model, progress) : Promise.resolve(null);
    return this.#result;
  }

  private async compute(
    key: string,
    library: Library,
    model: ListModel,
    progress: SignalsProgress,
  ): Promise<ListResult> {
    const items = userItems(
      recommenderEntries(library),
      this.indices.lookup(),
      this.indices.shard.catalogue.size,
    );
    // The first picks of a visit do not wait for item-kNN (seconds on a slow phone).
    const context = await this.context(model.inUse, false);
    let vector: Float32Array | null = model.tuned?.vector ?? null;
    let foldInMs = 0;
    let reusedFoldIn = false;
    if (model.base && !model.tuned && items.positives > 0) {
      progress('Fitting your taste into the model…');
      const folded = await this.foldedUser(model.base, items, library.updatedAt);
      ({ vector, foldInMs, reused: reusedFoldIn } = folded);
    }
    progress('Finding users with lists like yours…');
    const signals = userSignals(context, items, vector);
    // Hidden titles and franchises leave every list (each hidden title is a dislike above too).
    const lookup = this.indices.lookup();
    hiddenMask(hiddenTitles(library), lookup, context.franchises).forEach((hidden, i) => {
      if (hidden) signals.blocked[i] = 1;
    });
    return { key, library, items, context, signals, model, foldInMs, reusedFoldIn };
  }

  /**
   * The user folded into `usable`: the stored fold-in while model and list are unchanged,
   * otherwise fitted now and stored (the recommendations and the fine-tune share it).
   */
  async foldedUser(usable: UsableModel, items: UserItems, libraryUpdatedAt: string) {
    const { shardSha256 } = this.indices;
    const key = { shardSha256, modelVersion: usable.version, libraryUpdatedAt };
    const stored = await loadProfile();
    if (
      stored &&
      stored.shardSha256 === key.shardSha256 &&
      stored.modelVersion === key.modelVersion &&
      stored.libraryUpdatedAt === key.libraryUpdatedAt
    )
      return { vector: stored.vector, bias: stored.bias, foldInMs: stored.foldInMs, reused: true };
    const started = performance.now();
    const sampler = createSampler(this.indices.positiveCounts(), usable.samplingPower);
    const { vector, bias } = foldIn(
      usable.model,
      items.items,
      items.feedback,
      sampler,
      DEFAULT_FOLD_IN,
    );
    const foldInMs = performance.now() - started;
    await saveProfile({ ...key, vector, bias, foldInMs });
    return { vector, bias, foldInMs, reused: false };
  }
}
