/**
 * The imported user, inside the worker: importing a list file into the stored library, folding
 * the user into the trained model, and the per-anime signals (collaborative, user-based, content)
 * that the page blends, filters and ranks. Heavy indices are built once per shard.
 */
import type { Shard } from '../src/lib/data/shard-types';
import { ImportError } from '../src/lib/import/import-error';
import { parseListFile } from '../src/lib/import/parse-list';
import {
  mergeImport,
  type Library,
  type LibraryEntry,
  type ImportMode,
  type ImportRecord,
  type MergeCounts,
} from '../src/lib/library/library';
import { FORMAT_LABELS, type InvalidRow, type ListEntry } from '../src/lib/library/list-entry';
import {
  addEntry,
  catalogueEntry,
  editEntry,
  removeEntry,
  type EntryChange,
} from '../src/lib/library/edit';
import { malExport, type MalExport } from '../src/lib/library/mal-export';
import { buildLookup, entryName, findEntry, type CatalogueLookup } from '../src/lib/library/match';
import { userItems, type UserItems } from '../src/lib/library/user-items';
import { DEFAULT_FOLD_IN, foldIn } from '../src/lib/model/fold-in';
import { Feedback } from '../src/lib/model/interactions';
import { scoreAll } from '../src/lib/model/ncf-model';
import { createSampler } from '../src/lib/model/negative-sampler';
import { trainingSet } from '../src/lib/model/training-set';
import {
  buildContentIndex,
  contentScores,
  entryWeights,
  userProfile,
  type ContentIndex,
} from '../src/lib/recommend/content';
import {
  contentSimilarity,
  embeddingSimilarity,
  fansAlsoLiked,
} from '../src/lib/recommend/similar';
import {
  contentVector,
  mostSimilarLiked,
  sharedFeatures,
  type Explanation,
} from '../src/lib/recommend/explain';
import { starterTitles } from '../src/lib/recommend/cold-start';
import {
  groupFranchises,
  franchiseRules,
  likedPredecessor,
  type Franchises,
} from '../src/lib/recommend/franchise';
import {
  nearestUsers,
  neighbourScores,
  neighboursWhoLoved,
  type Neighbours,
} from '../src/lib/recommend/neighbours';
import type { ModelDescription, SignalArrays, UserSignals } from '../src/lib/recommend/signals';
import {
  buildItemKnn,
  DEFAULT_ITEM_KNN,
  itemKnnScores,
  likedNeighboursOf,
  type ItemKnn,
} from '../src/lib/recommend/item-knn';
import { groupPicks, type Aggregation, type GroupPick } from '../src/lib/recommend/group';
import { autoContentWeight, blendedScores, itemBasedNeighbours } from '../src/lib/recommend/rank';
import { FLAG_ADULT } from '../src/lib/data/shard-types';
import { fineTuneStepper } from './backend';
import { ModelSource, type UsableModel } from './model-source';
import { Personaliser, type PersonaliseResult } from './personaliser';
import {
  loadItemKnn,
  loadLibrary,
  loadProfile,
  saveItemKnn,
  saveLibrary,
  saveProfile,
} from '../src/lib/storage/db';

/** Item-kNN scores for a list, or null when it loves nothing (item-kNN has nothing to go on). */
function itemBasedScores(knn: ItemKnn, items: UserItems, neighbours: number): Float32Array | null {
  return items.positives > 0 ? itemKnnScores(knn, items, neighbours) : null;
}

/** The first anime of each franchise, in order ("fans of GATE and GATE" names one show twice). */
function onePerFranchise(indices: number[], group: Int32Array): number[] {
  const seen = new Set<number>();
  return indices.filter((i) => !seen.has(group[i]!) && seen.add(group[i]!));
}

export interface ImportReport {
  fileName: string;
  format: string;
  user: { id: string; name: string } | null;
  /** Entries read from the file. */
  entries: number;
  matched: number;
  unmatched: { name: string; malId: number | null }[];
  invalid: InvalidRow[];
  notes: string[];
  counts: MergeCounts;
  /** Entries in the library after the import. */
  libraryEntries: number;
  ms: number;
}

export interface LibrarySummary {
  entries: number;
  matched: number;
  updatedAt: string;
  imports: Omit<ImportRecord, 'invalid'>[];
}

export interface SimilarItem {
  index: number;
  /** Why it is on the list, in words. */
  reason: string;
}

export interface SimilarLists {
  /** Null without a trained model (then `embeddingNote` says why). */
  byEmbedding: SimilarItem[] | null;
  embeddingNote: string;
  byContent: SimilarItem[];
  fansAlsoLiked: SimilarItem[];
  fans: number;
  /** The other entries of its franchise, in air-date order. */
  franchise: number[];
  /** The model the lists came from: its kind and version ('' without one). */
  model: ModelTag;
}

export interface ModelTag {
  kind: ModelDescription['kind'];
  version: string;
}

export interface GroupMember {
  name: string;
  /** 'library': the stored list, read when the picks are computed. */
  source: 'library' | 'file';
  entries: ListEntry[];
}

export interface GroupResult {
  picks: GroupPick[];
  note: string;
  ms: number;
  model: ModelTag;
}

/** How many candidates each list hands the page, which filters them down. */
const SIMILAR_CANDIDATES = 300;

/** A change the user makes to the stored list. */
export type LibraryEdit =
  | { kind: 'edit'; key: string; change: EntryChange }
  | { kind: 'add'; malId: number; change: EntryChange }
  | { kind: 'remove'; key: string };

/** What a recommendation request is told to show while it works. */
export type SignalsProgress = (stage: string) => void;

interface Session {
  items: UserItems;
  profile: Float32Array;
  model: UsableModel | null;
  neighbours: Neighbours | null;
  itemKnn: ItemKnn;
  /** How many neighbours of each liked anime the item-kNN score read. */
  itemNeighbours: number;
}

export class Personal {
  #lookup: CatalogueLookup | null = null;
  #content: ContentIndex | null = null;
  #franchises: Franchises | null = null;
  #positiveCounts: Float32Array | null = null;
  #session: Session | null = null;
  readonly models: ModelSource;
  #itemKnn: Promise<ItemKnn> | null = null;
  /** Library writes, one after another: each reads the list the previous one stored. */
  #writes: Promise<unknown> = Promise.resolve();
  readonly personaliser: Personaliser;

  constructor(
    private readonly shard: Shard,
    private readonly shardSha256: string,
    /** Whether a training run holds the TF.js backend (the fine-tune then keeps off it). */
    trainingRuns: () => boolean = () => false,
  ) {
    this.models = new ModelSource(shard, shardSha256);
    this.personaliser = new Personaliser({
      shard,
      shardSha256,
      lookup: () => this.lookup(),
      positiveCounts: () => this.positiveCounts(),
      foldedUser: (usable, items, libraryUpdatedAt) =>
        this.foldedUser(usable, items, libraryUpdatedAt),
      stepper: () => fineTuneStepper(trainingRuns()),
    });
  }

  /** Builds the indices ahead of need (the worker calls it when idle after loading the shard). */
  warmUp(): void {
    this.lookup();
    this.content();
    this.franchises();
    void this.itemKnn();
  }

  /** Runs `change` once every earlier library write has landed (two edits never read the same list). */
  private serially<T>(change: () => Promise<T>): Promise<T> {
    const next = this.#writes.then(change, change);
    this.#writes = next.catch(() => {});
    return next;
  }

  importFile(bytes: Uint8Array, fileName: string, mode: ImportMode): Promise<ImportReport> {
    return this.serially(() => this.importNow(bytes, fileName, mode));
  }

  private async importNow(
    bytes: Uint8Array,
    fileName: string,
    mode: ImportMode,
  ): Promise<ImportReport> {
    const started = performance.now();
    const parsed = await parseListFile(bytes);
    const lookup = this.lookup();
    const unmatched: ListEntry[] = parsed.entries.filter((e) => findEntry(lookup, e) < 0);
    const matched = parsed.entries.length - unmatched.length;
    if (matched === 0 && parsed.entries.length > 0)
      throw new ImportError(
        `None of the ${parsed.entries.length} entries is in Tsugi's catalogue ` +
          `(for example ${unmatched.slice(0, 3).map(entryName).join(', ')}), so nothing was imported. ` +
          'Is this an anime list from MyAnimeList, Kitsu or a CSV of MAL ids?',
      );
    if (parsed.entries.length === 0)
      throw new ImportError(
        `None of the ${parsed.invalid.length} rows could be read (${parsed.invalid[0]?.where}: ` +
          `${parsed.invalid[0]?.reason}), so nothing was imported.`,
      );
    const record: ImportRecord = {
      at: new Date().toISOString(),
      fileName,
      format: parsed.format,
      user: parsed.user,
      mode,
      entries: parsed.entries.length,
      invalid: parsed.invalid,
    };
    const { library, counts } = mergeImport((await loadLibrary()) ?? null, parsed.entries, record);
    await saveLibrary(library);
    this.#session = null;
    return {
      fileName,
      format: FORMAT_LABELS[parsed.format],
      user: parsed.user,
      entries: parsed.entries.length,
      matched,
      unmatched: unmatched.map((e) => ({ name: entryName(e), malId: e.malId })),
      invalid: parsed.invalid,
      notes: parsed.notes,
      counts,
      libraryEntries: library.entries.length,
      ms: performance.now() - started,
    };
  }

  async summary(): Promise<LibrarySummary | null> {
    const library = await loadLibrary();
    if (!library) return null;
    const lookup = this.lookup();
    return {
      entries: library.entries.length,
      matched: library.entries.filter((e) => findEntry(lookup, e) >= 0).length,
      updatedAt: library.updatedAt,
      imports: library.imports.map(({ invalid: _invalid, ...record }) => record),
    };
  }

  async entries(): Promise<LibraryEntry[]> {
    return (await loadLibrary())?.entries ?? [];
  }

  /** Applies one edit and stores the list at once; the next recommendations re-fold the user. */
  edit(edit: LibraryEdit): Promise<LibrarySummary> {
    return this.serially(() => this.editNow(edit));
  }

  private async editNow(edit: LibraryEdit): Promise<LibrarySummary> {
    const at = new Date().toISOString();
    const library = (await loadLibrary()) ?? null;
    let next: Library;
    if (edit.kind === 'add') {
      const index = this.lookup().byMalId.get(edit.malId);
      if (index === undefined) throw new Error(`MAL id ${edit.malId} is not in the catalogue.`);
      const title = this.shard.catalogue.title[index]!;
      next = addEntry(library, catalogueEntry(edit.malId, title, edit.change), at);
    } else {
      if (!library) throw new Error('There is no stored list to change.');
      next =
        edit.kind === 'edit'
          ? editEntry(library, edit.key, edit.change, at)
          : removeEntry(library, edit.key, at);
    }
    await saveLibrary(next);
    this.#session = null;
    return (await this.summary())!;
  }

  /** The stored list as a MyAnimeList XML export. */
  async exportMal(): Promise<MalExport> {
    const library = await loadLibrary();
    const user = [...(library?.imports ?? [])].reverse().find((r) => r.user)?.user ?? null;
    const lookup = this.lookup();
    return malExport(library?.entries ?? [], user, {
      c: this.shard.catalogue,
      indexOf: (malId) => lookup.byMalId.get(malId) ?? -1,
    });
  }

  /** Anime like catalogue entry `item`: by embedding, by content, and what its fans loved. */
  async similar(item: number): Promise<SimilarLists> {
    const { catalogue, ratings } = this.shard;
    const franchises = this.franchises();
    const group = franchises.group[item]!;
    const top = (scores: Float32Array, reason: (j: number) => string): SimilarItem[] => {
      const candidates: number[] = [];
      for (let j = 0; j < catalogue.size; j++)
        if (franchises.group[j] !== group && Number.isFinite(scores[j]) && scores[j]! > 0)
          candidates.push(j);
      return candidates
        .sort((a, b) => scores[b]! - scores[a]! || a - b)
        .slice(0, SIMILAR_CANDIDATES)
        .map((j) => ({ index: j, reason: reason(j) }));
    };
    const { usable, tag } = await this.modelForList();
    const byEmbedding = usable
      ? (() => {
          const similarity = embeddingSimilarity(usable.model, usable.norms, item);
          return top(similarity, (j) => `Embedding similarity ${similarity[j]!.toFixed(2)}`);
        })()
      : null;
    const content = this.content();
    const vector = contentVector(content, item);
    const byContent = top(contentSimilarity(content, item), (j) => {
      const shared = sharedFeatures(content, vector, j);
      return shared.length ? `Shares ${shared.join(', ')}` : 'Similar synopsis';
    });
    const fans = fansAlsoLiked(ratings, this.positiveCounts(), item);
    return {
      byEmbedding,
      embeddingNote: usable ? '' : 'The model could not be loaded (see For you).',
      byContent,
      fansAlsoLiked: top(
        fans.scores,
        (j) => `Loved by ${fans.counts[j]} of the ${fans.fans} users here who loved it`,
      ),
      fans: fans.fans,
      franchise: (franchises.members.get(group) ?? []).filter((j) => j !== item),
      model: tag,
    };
  }

  /** Titles to rate on the cold-start grid. */
  starters(count: number): number[] {
    return starterTitles(this.shard.catalogue, this.franchises(), count);
  }

  /** The stored model was written or deleted (the worker trains and deletes it, also on "delete
   * everything"): read it again, and forget what was derived from the old one. */
  modelChanged(): void {
    this.models.changed();
    this.personaliser.forget();
    this.#session = null;
  }

  /** The model in use for the stored list: fine-tuned with it when it is, else the base. */
  private async modelForList(): Promise<{ usable: UsableModel | null; tag: ModelTag }> {
    const { usable, description } = await this.models.current();
    const library = await loadLibrary();
    const tuned =
      usable && library ? await this.personaliser.tunedFor(usable, library.updatedAt) : null;
    const inUse = tuned?.usable ?? usable;
    const kind = tuned ? tuned.description.kind : description.kind;
    return { usable: inUse, tag: { kind, version: inUse?.version ?? '' } };
  }

  /** The model the recommendations use now (fine-tuned for the stored list when it is). */
  async modelInUse(): Promise<ModelDescription> {
    const { usable, description } = await this.models.current();
    const library = await loadLibrary();
    const tuned =
      usable && library ? await this.personaliser.tunedFor(usable, library.updatedAt) : null;
    return tuned?.description ?? description;
  }

  /** Fine-tunes the model in use with the stored list, unless the user switched it off. */
  async personalise(): Promise<PersonaliseResult | null> {
    const result = await this.personaliser.run((await this.models.current()).usable);
    if (result) this.#session = null;
    return result;
  }

  /** Per-anime signals for the stored list; null when there is no list yet. */
  async signals(progress: SignalsProgress = () => {}): Promise<UserSignals | null> {
    const started = performance.now();
    const library = await loadLibrary();
    if (!library) return null;
    const items = userItems(library.entries, this.lookup(), this.shard.catalogue.size);
    const { usable, description } = await this.models.current();
    const tuned = usable ? await this.personaliser.tunedFor(usable, library.updatedAt) : null;

    progress('Building your taste profile…');
    const content = this.content();
    const profile = userProfile(content, items.items, entryWeights(items.scores, items.feedback));
    const contentScore = contentScores(content, profile);

    const itemKnn = await this.itemKnn();
    const itemNeighbours = itemBasedNeighbours(usable !== null);
    const itemBased = itemBasedScores(itemKnn, items, itemNeighbours);
    let collaborative: Float32Array | null = null;
    let userBased: Float32Array | null = null;
    let foldInMs = 0;
    let reusedFoldIn = false;
    let neighbours: Neighbours | null = null;
    let inUse: UsableModel | null = usable;
    if (usable && tuned && items.positives > 0) {
      inUse = tuned.usable;
      ({ collaborative, neighbours, userBased } = this.collaborative(inUse, tuned.vector));
    } else if (usable && items.positives > 0) {
      progress('Fitting your taste into the model…');
      const folded = await this.foldedUser(usable, items, library.updatedAt);
      ({ foldInMs, reused: reusedFoldIn } = folded);
      const { vector } = folded;
      progress('Finding users with lists like yours…');
      ({ collaborative, neighbours, userBased } = this.collaborative(usable, vector));
    }

    this.#session = { items, profile, model: inUse, neighbours, itemKnn, itemNeighbours };
    const franchises = this.franchises();
    return {
      collaborative,
      userBased,
      itemBased,
      content: contentScore,
      listStatus: items.statusByAnime.slice(),
      ...franchiseRules(franchises, items.opinion),
      franchise: franchises.group.slice(),
      modelNote: description.note,
      model: tuned ? tuned.description : description,
      canPersonalise:
        !!usable && !tuned && items.positives > 0 && (await this.personaliser.enabled()),
      listEntries: library.entries.length,
      usedEntries: items.items.length,
      foldInMs,
      reusedFoldIn,
      ms: performance.now() - started,
    };
  }

  /** Reasons for each of `indices`, from the last signals request. */
  explain(indices: number[]): Explanation[] {
    const session = this.#session;
    if (!session) return [];
    const liked = session.items.items.filter(
      (_, k) => session.items.feedback[k] === Feedback.positive,
    );
    const franchises = this.franchises();
    const { group } = franchises;
    return indices.map((index) => ({
      index,
      continues: likedPredecessor(franchises, session.items.opinion, index),
      fansOf: onePerFranchise(
        likedNeighboursOf(session.itemKnn, liked, index, 10, session.itemNeighbours),
        group,
      )
        .filter((i) => group[i] !== group[index])
        .slice(0, 2),
      becauseYouLiked: session.model
        ? mostSimilarLiked(session.model.model, session.model.norms, liked, index)
        : [],
      lovedByNeighbours: session.neighbours
        ? neighboursWhoLoved(this.shard.ratings, session.neighbours, index)
        : 0,
      neighbourCount: session.neighbours?.users.length ?? 0,
      sharedFeatures: sharedFeatures(this.content(), session.profile, index),
    }));
  }

  /**
   * The user folded into `usable`: the stored fold-in while model and list are unchanged,
   * otherwise fitted now and stored (the recommendations and the fine-tune share it).
   */
  async foldedUser(usable: UsableModel, items: UserItems, libraryUpdatedAt: string) {
    const key = { shardSha256: this.shardSha256, modelVersion: usable.version, libraryUpdatedAt };
    const stored = await loadProfile();
    if (
      stored &&
      stored.shardSha256 === key.shardSha256 &&
      stored.modelVersion === key.modelVersion &&
      stored.libraryUpdatedAt === key.libraryUpdatedAt
    )
      return { vector: stored.vector, bias: stored.bias, foldInMs: stored.foldInMs, reused: true };
    const started = performance.now();
    const { vector, bias } = this.foldIn(usable, items);
    const foldInMs = performance.now() - started;
    await saveProfile({ ...key, vector, bias, foldInMs });
    return { vector, bias, foldInMs, reused: false };
  }

  private foldIn({ model, samplingPower }: UsableModel, items: UserItems) {
    const sampler = createSampler(this.positiveCounts(), samplingPower);
    return foldIn(model, items.items, items.feedback, sampler, DEFAULT_FOLD_IN);
  }

  /** NCF scores, the nearest shard users and what they loved, for a folded-in user. */
  private collaborative({ model, shardUsers }: UsableModel, vector: Float32Array) {
    const near = nearestUsers(model, vector);
    const neighbours: Neighbours = {
      users: shardUsers ? Uint32Array.from(near.users, (u) => shardUsers[u]!) : near.users,
      similarity: near.similarity,
    };
    return {
      collaborative: scoreAll(model, vector),
      neighbours,
      userBased: neighbourScores(this.shard.ratings, neighbours, this.shard.catalogue.size),
    };
  }

  /** A group member from a list file: read, not stored in the library. */
  async readGroupMember(bytes: Uint8Array, fileName: string): Promise<GroupMember> {
    const parsed = await parseListFile(bytes);
    const lookup = this.lookup();
    const entries = parsed.entries
      .filter((e) => findEntry(lookup, e) >= 0)
      .map((e) => ({ ...e, fields: {} }));
    if (entries.length === 0)
      throw new ImportError('None of the entries of this list is in the catalogue.');
    const name = parsed.user?.name || fileName.replace(/\.(xml|gz|csv|json)+$/i, '');
    return { name, source: 'file', entries };
  }

  /** Picks for 2–4 members: each one's blend, on a common scale, aggregated. */
  async groupRecommend(
    members: GroupMember[],
    aggregation: Aggregation,
    limit: number,
  ): Promise<GroupResult> {
    const started = performance.now();
    if (members.length < 2 || members.length > 4) throw new Error('A group has 2 to 4 members.');
    const { catalogue } = this.shard;
    const { usable, tag } = await this.modelForList();
    const library = await loadLibrary();
    const itemKnn = await this.itemKnn();
    const content = this.content();
    const franchises = this.franchises();
    const excluded = Uint8Array.from(catalogue.flags, (f) => f & FLAG_ADULT);
    const scores: Float32Array[] = [];
    for (const member of members) {
      const entries = member.source === 'library' ? (library?.entries ?? []) : member.entries;
      const items = userItems(entries, this.lookup(), catalogue.size);
      const profile = userProfile(content, items.items, entryWeights(items.scores, items.feedback));
      const signals: SignalArrays = {
        collaborative: null,
        userBased: null,
        itemBased: itemBasedScores(itemKnn, items, itemBasedNeighbours(usable !== null)),
        content: contentScores(content, profile),
        listStatus: items.statusByAnime,
        ...franchiseRules(franchises, items.opinion),
        franchise: franchises.group,
      };
      if (usable && items.positives > 0) {
        const { vector } = this.foldIn(usable, items);
        const found = this.collaborative(usable, vector);
        signals.collaborative = found.collaborative;
        signals.userBased = found.userBased;
      }
      scores.push(blendedScores(catalogue, signals, autoContentWeight(items.items.length)));
      for (let i = 0; i < catalogue.size; i++)
        if (items.seenByAnime[i] || signals.blocked[i] || signals.dislikedFranchise[i])
          excluded[i] = 1;
    }
    // One title per franchise: the best-placed entry of each.
    const shown = new Set<number>();
    const picks = groupPicks(scores, excluded, aggregation, limit * 4)
      .filter(
        (pick) =>
          !shown.has(franchises.group[pick.index]!) && shown.add(franchises.group[pick.index]!),
      )
      .slice(0, limit);
    return {
      picks,
      note: usable
        ? ''
        : 'No trained model yet: these group picks come from what fans of your favourites ' +
          'loved, and from content.',
      ms: performance.now() - started,
      model: tag,
    };
  }

  /** Item-kNN over every shard user: read from IndexedDB, or built (seconds) and stored. */
  private itemKnn(): Promise<ItemKnn> {
    this.#itemKnn ??= loadItemKnn()
      .catch(() => undefined)
      .then(async (stored) => {
        if (
          stored?.shardSha256 === this.shardSha256 &&
          JSON.stringify(stored.options) === JSON.stringify(DEFAULT_ITEM_KNN)
        )
          return stored.knn;
        const started = performance.now();
        const { ratings, catalogue } = this.shard;
        const everyone = Array.from({ length: ratings.userCount }, (_, u) => u);
        const knn = buildItemKnn(ratings, catalogue.size, everyone, DEFAULT_ITEM_KNN);
        const buildMs = performance.now() - started;
        await saveItemKnn({
          shardSha256: this.shardSha256,
          options: DEFAULT_ITEM_KNN,
          knn,
          buildMs,
        });
        return knn;
      })
      .catch((error: unknown) => {
        this.#itemKnn = null;
        throw error;
      });
    return this.#itemKnn;
  }

  private lookup(): CatalogueLookup {
    return (this.#lookup ??= buildLookup(this.shard.catalogue));
  }

  private content(): ContentIndex {
    return (this.#content ??= buildContentIndex(this.shard.catalogue));
  }

  private franchises(): Franchises {
    return (this.#franchises ??= groupFranchises(this.shard.catalogue));
  }

  /** Positives per anime over every shard user: the fold-in's negative-sampling weights. */
  private positiveCounts(): Float32Array {
    const { ratings, catalogue } = this.shard;
    const all = Array.from({ length: ratings.userCount }, (_, u) => u);
    return (this.#positiveCounts ??= trainingSet(ratings, catalogue.size, all).positiveCounts);
  }
}
