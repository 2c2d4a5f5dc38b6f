import { describe, expect, it } from 'vitest';
import { Status, type Ratings } from '$lib/data/shard-types';
import { makeTestShard } from '$fixtures/test-shard';
import { averageFan, averageFanOf } from './average-fan';
import { countedTitles, tasteProfile, type TasteEntry } from './taste-profile';

describe("the dataset's average fan", () => {
  const shard = makeTestShard();
  // User 0 saw anime 0, 1, 3; user 1 has no entries; user 2 saw 0 and 3 and plans to watch 2.
  const fan = averageFan(shard.ratings, shard.catalogue);

  it('averages each user’s shares over the users with a title that counts', () => {
    expect(fan.users).toBe(2);
    expect(fan.titles).toBe(2.5);
    // Action: 2 of 3 and 1 of 2; Drama and Hentai: 1 of 3 and 1 of 2.
    expect(fan.genres[0]).toBeCloseTo((2 / 3 + 1 / 2) / 2, 10);
    expect(fan.genres[1]).toBeCloseTo((1 / 3 + 1 / 2) / 2, 10);
    expect(fan.genres[2]).toBeCloseTo((1 / 3 + 1 / 2) / 2, 10);
    expect(fan.themes).toEqual([]);
  });

  it('leaves plan-to-watch entries out of the lists, as for the user', () => {
    // Anime 2 (Drama and Action) is only planned: counting it would raise user 2's Drama share.
    const planned = structuredClone(shard.ratings);
    planned.status[4] = Status.completed;
    expect(averageFan(planned, shard.catalogue).genres[1]).not.toBeCloseTo(fan.genres[1]!, 5);
  });

  it('places titles in members buckets and takes the median of the users’ medians', () => {
    // User 0: 3M, 1.8M, 1,000; user 2: 3M, 1,000.
    expect(fan.memberBuckets[0]).toBeCloseTo((1 / 3 + 1 / 2) / 2, 10);
    expect(fan.memberBuckets.slice(1, 4)).toEqual([0, 0, 0]);
    expect(fan.memberBuckets[4]).toBeCloseTo((2 / 3 + 1 / 2) / 2, 10);
    expect(fan.medianMembers).toBe((1_800_000 + 1_500_500) / 2);
  });

  it('counts the difference from MAL only for users with enough scored titles', () => {
    expect(fan.scoreUsers).toBe(0);
    expect(fan.scoreVsMal).toBe(0);
    // With one scored title enough: user 0 gave FMA:B (9.10) a 10, user 2 gave it a 9.
    const loose = averageFan(shard.ratings, shard.catalogue, 1);
    expect(loose.scoreUsers).toBe(2);
    expect(loose.scoreVsMal).toBeCloseTo((0.9 - 0.1) / 2, 10);
  });

  it('measures a dataset user as Your taste measures the same list', () => {
    const entries: TasteEntry[] = [
      { malId: 5114, title: '', status: 'completed', score: 10 },
      { malId: 1, title: '', status: 'watching', score: 0 },
      { malId: 9326, title: '', status: 'dropped', score: 3 },
    ];
    const ratings: Ratings = {
      ...shard.ratings,
      userCount: 1,
      entryCount: 3,
      rowPtr: Uint32Array.from([0, 3]),
      anime: Uint32Array.from([0, 1, 3]),
      score: Uint8Array.from([10, 0, 3]),
      status: Uint8Array.from([Status.completed, Status.watching, Status.dropped]),
    };
    const alone = averageFan(ratings, shard.catalogue);
    const profile = tasteProfile(countedTitles(entries, [], shard.catalogue), shard.catalogue);
    expect(alone.genres).toEqual(profile.genres);
    expect(alone.memberBuckets).toEqual(profile.members.buckets);
    expect(alone.medianMembers).toBe(profile.members.median);
  });

  it('is computed once per shard', () => {
    expect(averageFanOf(shard)).toBe(averageFanOf(shard));
    expect(averageFanOf(makeTestShard())).not.toBe(averageFanOf(shard));
  });
});
