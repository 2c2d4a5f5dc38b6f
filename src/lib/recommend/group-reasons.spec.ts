import { describe, expect, it } from 'vitest';
import type { Explanation } from './explain';
import { groupReasons } from './group-reasons';

const why = (over: Partial<Explanation>): Explanation => ({
  index: 99,
  continues: null,
  fansOf: [],
  becauseYouLiked: [],
  lovedByNeighbours: 0,
  neighbourCount: 0,
  sharedFeatures: [],
  ...over,
});
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
});
