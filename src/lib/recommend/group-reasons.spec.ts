import { describe, expect, it } from 'vitest';
import type { Explanation } from './explain';
import { groupReasons } from './group-reasons';

/** An explanation whose named titles the member loved, unless `regard` says otherwise. */
const why = (over: Partial<Explanation>): Explanation => {
  const named = [...(over.becauseYouLiked ?? []), ...(over.fansOf ?? []), over.continues ?? -1];
  return {
    index: 99,
    continues: null,
    fansOf: [],
    becauseYouLiked: [],
    lovedByNeighbours: 0,
    neighbourCount: 0,
    sharedFeatures: [],
    ...over,
    regard: {
      ...Object.fromEntries(named.filter((i) => i >= 0).map((i) => [i, 'loved' as const])),
      ...over.regard,
    },
  };
};
const title = (i: number) => `Show ${i}`;

describe('why a Together pick suits the group', () => {
  it('names a loved title that both members share, once', () => {
    const reasons = groupReasons(
      [
        { name: 'Ann', explanation: why({ becauseYouLiked: [1, 2] }) },
        { name: 'Ben', explanation: why({ fansOf: [2, 3] }) },
      ],
      title,
    );
    expect(reasons).toEqual(['Both of you loved Show 2']);
  });

  it('says what fits each member when they share nothing, never naming a title twice', () => {
    const reasons = groupReasons(
      [
        { name: 'Ann', explanation: why({ becauseYouLiked: [1] }) },
        { name: 'Ben', explanation: why({ becauseYouLiked: [4], fansOf: [4] }) },
        { name: 'Cy', explanation: why({ sharedFeatures: ['Drama', 'Romance'] }) },
      ],
      title,
    );
    expect(reasons).toEqual([
      "Fits Ann's love of Show 1",
      "Fits Ben's love of Show 4",
      "Fits Cy's taste for Drama, Romance",
    ]);
  });

  it('names the members who share a title when not all of them do', () => {
    const reasons = groupReasons(
      [
        { name: 'Ann', explanation: why({ becauseYouLiked: [5] }) },
        { name: 'Ben', explanation: why({ becauseYouLiked: [5] }) },
        { name: 'Cy', explanation: why({ continues: 6 }) },
      ],
      title,
    );
    expect(reasons).toEqual(['Ann and Ben loved Show 5', "Fits Cy's love of Show 6"]);
  });

  it('speaks to the person using the app as "you"', () => {
    const reasons = groupReasons(
      [
        { name: 'Ann', explanation: why({ becauseYouLiked: [5] }) },
        { name: 'Me', you: true, explanation: why({ becauseYouLiked: [5] }) },
        { name: 'Cy', explanation: why({ becauseYouLiked: [7] }) },
      ],
      title,
    );
    expect(reasons).toEqual(['You and Ann loved Show 5', "Fits Cy's love of Show 7"]);
    const alone = groupReasons(
      [
        { name: 'Me', you: true, explanation: why({ fansOf: [8] }) },
        { name: 'Ann', explanation: why({ sharedFeatures: ['Drama'] }) },
      ],
      title,
    );
    expect(alone).toEqual(['Fits your love of Show 8', "Fits Ann's taste for Drama"]);
  });

  it('says liked or watched where a member did not score the title among their best', () => {
    const reasons = groupReasons(
      [
        { name: 'Ann', explanation: why({ becauseYouLiked: [1] }) },
        { name: 'Ben', explanation: why({ becauseYouLiked: [1], regard: { 1: 'watched' } }) },
      ],
      title,
    );
    // Ann loved it, Ben left it unscored: only what both did is said.
    expect(reasons).toEqual(['Both of you watched Show 1']);
    const own = groupReasons(
      [
        { name: 'Ann', explanation: why({ becauseYouLiked: [2], regard: { 2: 'liked' } }) },
        { name: 'Me', you: true, explanation: why({ continues: 3, regard: { 3: 'watched' } }) },
      ],
      title,
    );
    expect(own).toEqual(["Fits Ann's liking for Show 2", 'You watched Show 3']);
  });
});
