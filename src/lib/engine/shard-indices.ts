/**
 * What the recommenders build once per shard, lazily: the title lookup, the content index, the
 * franchise groups, the positive counts the fold-in samples by, and item-kNN (seconds to build,
 * so it is stored in IndexedDB keyed to the shard).
 */
import type { Shard } from '$lib/data/shard-types';
import { buildLookup, type CatalogueLookup } from '$lib/library/match';
import { positiveCountsOf } from '$lib/model/training-set';
import { buildContentIndex, type ContentIndex } from '$lib/recommend/content';
import { groupFranchises, type Franchises } from '$lib/recommend/franchise';
import { buildItemKnn, DEFAULT_ITEM_KNN, type ItemKnn } from '$lib/recommend/item-knn';
import type { ItemKnnReply, ItemKnnRequest } from './item-knn.worker';
import { loadItemKnn, saveItemKnn } from '$lib/storage/db';

export class ShardIndices {
  #lookup: CatalogueLookup | null = null;
  #content: ContentIndex | null = null;
  #franchises: Franchises | null = null;
  #positiveCounts: Float32Array | null = null;
  #itemKnn: Promise<ItemKnn> | null = null;
  #builtItemKnn: ItemKnn | null = null;

  constructor(
    readonly shard: Shard,
    readonly shardSha256: string,
  ) {}

  /**
   * Builds everything ahead of need, one piece per task: a request that arrives meanwhile (the
   * page asking for the stored list) is answered between two pieces, not after all of them.
   */
  warmUp(): void {
    const pieces = [
      () => this.lookup(),
      () => this.franchises(),
      () => this.content(),
      () => void this.itemKnn(),
    ];
    const next = () => {
      pieces.shift()?.();
      if (pieces.length) setTimeout(next, 0);
    };
    setTimeout(next, 0);
  }

  lookup(): CatalogueLookup {
    return (this.#lookup ??= buildLookup(this.shard.catalogue));
  }

  content(): ContentIndex {
    return (this.#content ??= buildContentIndex(this.shard.catalogue));
  }

  franchises(): Franchises {
    return (this.#franchises ??= groupFranchises(this.shard.catalogue));
  }

  /** Positives per anime over every shard user: the fold-in's negative-sampling weights. */
  positiveCounts(): Float32Array {
    const { ratings, catalogue } = this.shard;
    return (this.#positiveCounts ??= positiveCountsOf(ratings, catalogue.size));
  }

  /** Item-kNN over every shard user: read from IndexedDB, or built (seconds) and stored. */
  itemKnn(): Promise<ItemKnn> {
    this.#itemKnn ??= this.storedOrBuiltItemKnn().then(
      (knn) => (this.#builtItemKnn = knn),
      (error: unknown) => {
        this.#itemKnn = null;
        throw error;
      },
    );
    return this.#itemKnn;
  }

  /** Item-kNN if it is ready now, else null (and its build is under way). */
  itemKnnIfReady(): ItemKnn | null {
    if (!this.#builtItemKnn) void this.itemKnn().catch(() => {});
    return this.#builtItemKnn;
  }

  private async storedOrBuiltItemKnn(): Promise<ItemKnn> {
    const stored = await loadItemKnn().catch(() => undefined);
    if (
      stored?.shardSha256 === this.shardSha256 &&
      JSON.stringify(stored.options) === JSON.stringify(DEFAULT_ITEM_KNN)
    )
      return stored.knn;
    const { ratings, catalogue } = this.shard;
    const request: ItemKnnRequest = {
      ratings: {
        rowPtr: ratings.rowPtr,
        anime: ratings.anime,
        score: ratings.score,
        status: ratings.status,
      },
      userCount: ratings.userCount,
      itemCount: catalogue.size,
      options: DEFAULT_ITEM_KNN,
    };
    const { knn, buildMs } = await builtOffThread(request).catch(() => builtHere(request));
    await saveItemKnn({ shardSha256: this.shardSha256, options: DEFAULT_ITEM_KNN, knn, buildMs });
    return knn;
  }
}

function builtHere({ ratings, userCount, itemCount, options }: ItemKnnRequest): ItemKnnReply {
  const started = performance.now();
  const everyone = Array.from({ length: userCount }, (_, u) => u);
  const knn = buildItemKnn(ratings, itemCount, everyone, options);
  return { knn, buildMs: performance.now() - started };
}

/** On a thread of its own where workers can start workers (the ratings are copied to it). */
async function builtOffThread(request: ItemKnnRequest): Promise<ItemKnnReply> {
  if (typeof Worker === 'undefined') throw new Error('no workers here');
  const worker = new Worker(new URL('./item-knn.worker.ts', import.meta.url), {
    type: 'module',
    name: 'tsugi-item-knn',
  });
  try {
    return await new Promise<ItemKnnReply>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<ItemKnnReply>) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(event.message));
      worker.onmessageerror = () =>
        reject(new Error('the item-kNN thread sent an unreadable reply'));
      worker.postMessage(request);
    });
  } finally {
    worker.terminate();
  }
}
