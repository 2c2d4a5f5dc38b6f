/**
 * The user's side of the worker, composed: the shard's indices, the stored list, its signals
 * (For you), an anime's similar lists, Together and the cold-start titles.
 */
import type { Shard } from '$lib/data/shard-types';
import { starterTitles } from '$lib/recommend/cold-start';
import type { Aggregation } from '$lib/recommend/group';
import type { ModelDescription } from '$lib/recommend/signals';
import type { GroupMember, GroupResult, SimilarLists } from './api';
import { groupRecommend, readGroupMember } from './group-picks';
import { ListSignals } from './list-signals';
import { ListStore } from './list-store';
import { ShardIndices } from './shard-indices';
import { hiddenMask, hiddenTitles } from '$lib/library/hidden';
import { SIMILAR_PRIORS } from '$lib/recommend/similar';
import { loadLibraryMeta } from '$lib/storage/library-store';
import { similarLists } from './similar-anime';

export class Personal {
  readonly indices: ShardIndices;
  readonly list: ListStore;
  readonly signals: ListSignals;

  constructor(
    shard: Shard,
    shardSha256: string,
    /** Whether a training run holds the TF.js backend (the fine-tune then keeps off it). */
    trainingRuns: () => boolean = () => false,
  ) {
    this.indices = new ShardIndices(shard, shardSha256);
    this.signals = new ListSignals(this.indices, trainingRuns);
    this.list = new ListStore(this.indices, () => this.signals.listChanged());
  }

  /** Anime like catalogue entry `item`, by the model in use for the stored list. */
  async similar(item: number): Promise<SimilarLists> {
    const { inUse, tag } = await this.signals.listModel();
    const hidden = hiddenMask(
      hiddenTitles(await loadLibraryMeta()),
      this.indices.lookup(),
      this.indices.franchises(),
    );
    return similarLists(this.indices, inUse, tag, item, SIMILAR_PRIORS, hidden);
  }

  /** Titles to rate on the cold-start grid. */
  starters(count: number): number[] {
    return starterTitles(this.indices.shard.catalogue, this.indices.franchises(), count);
  }

  /** The model the recommendations use now (fine-tuned for the stored list when it is). */
  async modelInUse(): Promise<ModelDescription> {
    return (await this.signals.listModel()).description;
  }

  readGroupMember(bytes: Uint8Array, fileName: string): Promise<GroupMember> {
    return readGroupMember(this.indices, bytes, fileName);
  }

  groupRecommend(
    members: GroupMember[],
    aggregation: Aggregation,
    limit: number,
  ): Promise<GroupResult> {
    return groupRecommend(this.indices, this.signals, members, aggregation, limit);
  }
}
