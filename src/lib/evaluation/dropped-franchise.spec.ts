import { describe, expect, it } from 'vitest';
import { Status, type Catalogue, type Ratings } from '$lib/data/shard-types';
import { Feedback } from '$lib/model/interactions';
import { franchiseMeasures } from './dropped-franchise';
import { evaluateRankers, type Ranker, type TestListInput } from './evaluate';

/** Two franchises of three seasons each, and a standalone anime. */
const catalogue = {
  size: 7,
  malId: Uint32Array.from([1, 2, 3, 4, 5, 6, 7]),
  title: [
    'Shingeki no Kyojin',
    'Shingeki no Kyojin Season 2',
    'Shingeki no Kyojin Season 3',
    'Mob Psycho 100',
    'Mob Psycho 100 II',
    'Mob Psycho 100 III',
    'Cowboy Bebop',
  ],
  year: Uint16Array.from([2013, 2017, 2018, 2016, 2019, 2022, 1998]),
  season: Uint8Array.from([2, 2, 3, 3, 1, 4, 2]),
  type: { labels: ['TV'], codes: new Uint8Array(7) },
} as Catalogue;

const input = (entries: [item: number, feedback: number, status: number][]): TestListInput => ({
  items: Uint32Array.from(entries, ([i]) => i),
  scores: new Uint8Array(entries.length),
  feedback: Uint8Array.from(entries, ([, f]) => f),
  status: Uint8Array.from(entries, ([, , s]) => s),
});

describe('the dropped-franchise metric', () => {
  const { franchise, dropped } = franchiseMeasures(catalogue);

  it('groups the seasons of a franchise', () => {
    expect(franchise[0]).toBe(franchise[2]);
    expect(franchise[3]).toBe(franchise[5]);
    expect(franchise[0]).not.toBe(franchise[3]);
  });

  it('flags what continues a dropped first season, and only that franchise', () => {
    const flags = dropped(input([[0, Feedback.negative, Status.dropped]]));
    expect([...flags]).toEqual([1, 1, 1, 0, 0, 0, 0]);
  });

  it('flags nothing after a liked season, or a merely planned one', () => {
    expect([...dropped(input([[3, Feedback.positive, Status.completed]]))]).toEqual([
      0, 0, 0, 0, 0, 0, 0,
    ]);
    expect([...dropped(input([[0, Feedback.neutral, Status.planToWatch]]))]).toEqual([
      0, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it('flags the seasons after a disliked one even when an earlier one was liked', () => {
    const flags = dropped(
      input([
        [3, Feedback.positive, Status.completed],
        [4, Feedback.negative, Status.dropped],
      ]),
    );
    expect([...flags.slice(3, 6)]).toEqual([0, 0, 1]);
  });

  it('counts the flagged picks of each top k, per user, in the harness', () => {
    // One user: input = dropped Shingeki season 1; held out = a liked Cowboy Bebop.
    const ratings = {
      userCount: 1,
      entryCount: 2,
      rowPtr: Uint32Array.from([0, 2]),
      anime: Uint32Array.from([0, 6]),
      score: Uint8Array.from([0, 9]),
      status: Uint8Array.from([Status.dropped, Status.completed]),
    } as Ratings;
    const split = { trainUsers: [], testUsers: [{ user: 0, input: [0], heldOut: [1] }] };
    const ranker = (name: string, order: number[]): Ranker => ({
      name,
      scores: () => Float32Array.from({ length: 7 }, (_, i) => 7 - order.indexOf(i)),
    });
    const [sequels, others] = evaluateRankers(
      ratings,
      catalogue.size,
      split,
      [
        ranker('sequels first', [1, 2, 6, 3, 4, 5, 0]),
        ranker('others first', [6, 3, 4, 5, 1, 2, 0]),
      ],
      2,
      franchise,
      dropped,
    );
    expect(sequels!.droppedPicks).toBe(2);
    expect(others!.droppedPicks).toBe(0);
    expect(others!.recall).toBe(1);
  });
});
