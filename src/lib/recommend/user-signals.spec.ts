import { beforeAll, describe, expect, it } from 'vitest';
import { generatedAnime, generatedShard, withShippedModel } from '$fixtures/generated-shard';
import { Status, type Shard } from '$lib/data/shard-types';
import { listItems } from '$lib/library/user-items';
import { DEFAULT_TRAIN } from '$lib/model/ncf-train';
import { scoreAll } from '$lib/model/ncf-model';
import { createSampler } from '$lib/model/negative-sampler';
import { trainingSet } from '$lib/model/training-set';
import { buildContentIndex } from './content';
import { itemNorms } from './explain';
import { groupFranchises } from './franchise';
import { buildEase, likesOf } from './ease';
import { sparsifyEase } from './ease-sparse';
import { buildItemKnn } from './item-knn';
import { explainSignals, userSignals, type SignalContext } from './user-signals';

const options = { franchisesPerTaste: 6, usersPerTaste: 40, seed: 3 };
const anime = (taste: number, franchise: number, entry: number) =>
  generatedAnime(options, taste, franchise, entry);

let shard: Shard;
let ctx: SignalContext;

beforeAll(async () => {
  shard = await withShippedModel(generatedShard(options));
  const { catalogue, ratings } = shard;
  const everyone = Array.from({ length: ratings.userCount }, (_, u) => u);
  const { model } = shard.model!;
  const set = trainingSet(ratings, catalogue.size, everyone);
  ctx = {
    catalogue,
    ratings,
    content: buildContentIndex(catalogue),
    franchises: groupFranchises(catalogue),
    itemKnn: buildItemKnn(ratings, catalogue.size, everyone),
    ease: sparsifyEase(
      buildEase(likesOf(set), catalogue.size, { lambda: 10, minLikes: 2, maxItems: 100 }),
      8,
    ),
    model: {
      model,
      norms: itemNorms(model),
      ratingRows: null,
      sampler: createSampler(set.positiveCounts, DEFAULT_TRAIN.samplingPower),
    },
  };
});

/** A new user of taste 0: loves franchises 0–2's first seasons, dropped taste 1's franchise 0. */
function newUser() {
  const items = [anime(0, 0, 0), anime(0, 1, 0), anime(0, 2, 0), anime(1, 0, 0)];
  const scores = [9, 10, 8, 0];
  const statuses = [Status.completed, Status.completed, Status.completed, Status.dropped];
  return listItems(items, scores, statuses, shard.catalogue.size);
}

const best = (scores: Float32Array, seen: Uint8Array, n: number) =>
  Array.from(scores.keys())
    .filter((i) => !seen[i])
    .sort((a, b) => scores[b]! - scores[a]!)
    .slice(0, n);
const tasteOf = (i: number) => Math.floor(i / (options.franchisesPerTaste * 3));

describe('one user signals', () => {
  it("ranks the user's own taste first by every collaborative signal", () => {
    const items = newUser();
    const s = userSignals(ctx, items);
    for (const signal of [s.collaborative!, s.userBased!, s.itemBased!, s.ease!, s.content])
      expect(best(signal, items.seenByAnime, 5).map(tasteOf)).toEqual([0, 0, 0, 0, 0]);
    expect(s.neighbours!.users.length).toBe(50);
  });

  it("scores the user's vector when given one (a fine-tune's row), else folds the list in", () => {
    const items = newUser();
    const folded = userSignals(ctx, items);
    const vector = new Float32Array(8).fill(0.5);
    const given = userSignals(ctx, items, vector);
    expect(given.vector).toBe(vector);
    expect(given.collaborative).toEqual(scoreAll(ctx.model!.model, vector));
    expect(given.collaborative).not.toEqual(folded.collaborative);
  });

  it('holds back sequels of the dropped show and leaves its franchise out', () => {
    const s = userSignals(ctx, newUser());
    expect(s.blocked[anime(1, 0, 1)]).toBe(1);
    expect(s.dislikedFranchise[anime(1, 0, 2)]).toBe(1);
    // The second season of a loved show may come; an unstarted franchise's may not.
    expect(s.blocked[anime(0, 0, 1)]).toBe(0);
    expect(s.blocked[anime(0, 4, 1)]).toBe(1);
  });

  it('without a model: item-kNN and content only', () => {
    const s = userSignals({ ...ctx, model: null }, newUser());
    expect(s.collaborative).toBeNull();
    expect(s.userBased).toBeNull();
    expect(s.itemBased).not.toBeNull();
    expect(s.itemNeighbours).toBeGreaterThan(userSignals(ctx, newUser()).itemNeighbours);
  });

  it('explains from what it returned: a loved title per franchise, and the liked entry a sequel follows', () => {
    const items = newUser();
    const s = userSignals(ctx, items);
    const liked = new Set([anime(0, 0, 0), anime(0, 1, 0), anime(0, 2, 0)]);
    const picks = [anime(0, 0, 1), ...best(s.collaborative!, items.seenByAnime, 6)];
    const reasons = explainSignals(ctx, items, s, picks);
    expect(reasons[0]!.continues).toBe(anime(0, 0, 0));
    for (const why of reasons) {
      for (const i of [...why.becauseYouLiked, ...why.fansOf]) expect(liked.has(i)).toBe(true);
      const groups = why.becauseYouLiked.map((i) => ctx.franchises.group[i]);
      expect(new Set(groups).size).toBe(groups.length);
      expect(why.neighbourCount).toBe(50);
    }
    expect(reasons.some((why) => why.becauseYouLiked.length > 0)).toBe(true);
    expect(reasons.some((why) => why.lovedByNeighbours > 0)).toBe(true);
  });

  it('says how the user regards each title it names, from their own scores', () => {
    // Scores 10, 8 and unscored for the three liked first seasons: a 10 is their top quarter.
    const items = listItems(
      [anime(0, 0, 0), anime(0, 1, 0), anime(0, 2, 0), anime(1, 0, 0)],
      [10, 8, 0, 0],
      [Status.completed, Status.completed, Status.completed, Status.dropped],
      shard.catalogue.size,
    );
    const s = userSignals(ctx, items);
    const sequels = [anime(0, 0, 1), anime(0, 1, 1), anime(0, 2, 1)];
    const reasons = explainSignals(ctx, items, s, sequels);
    expect(reasons.map((why) => why.regard[why.continues!])).toEqual(['loved', 'liked', 'watched']);
    // Every title a reason names has its word; nothing else is given one.
    for (const why of reasons) {
      const named = new Set([...why.becauseYouLiked, ...why.fansOf, why.continues!]);
      expect(new Set(Object.keys(why.regard).map(Number))).toEqual(named);
    }
  });

  it('a list with nothing liked has no model signals and no vector', () => {
    const items = listItems([anime(1, 0, 0)], [3], [Status.completed], shard.catalogue.size);
    const s = userSignals(ctx, items);
    expect(s.vector).toBeNull();
    expect(s.collaborative).toBeNull();
    expect(s.itemBased).toBeNull();
    expect(s.ease).toBeNull();
  });
});
