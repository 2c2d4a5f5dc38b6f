/**
 * Your taste, from the stored list and the catalogue: genres and themes, scores against MAL's
 * means, how niche the list is, studios and years. Pure and computed once per list; the page
 * sets it beside the dataset's average fan (average-fan.ts), counted by the same rules.
 */
import type { Catalogue } from '$lib/data/shard-types';
import type { HiddenTitle } from '$lib/library/library';
import type { ShownEntry } from '$lib/library/library';
import { statusCode } from '$lib/library/list-entry';
import { buildLookup } from '$lib/library/match';
import { normaliseTitle } from '$lib/catalogue/title-text';
import {
  addLabelCounts,
  bump,
  countsAsSeen,
  malMean,
  median,
  memberBucket,
  MEMBER_BOUNDS,
} from './taste-rules';

/** What Your taste reads of an entry (a stored entry or a parsed one both fit). */
export type TasteEntry = Pick<ShownEntry, 'malId' | 'title' | 'status' | 'score'>;

export interface CountedTitles {
  /** Catalogue indices of the titles that count, each once, with the user's score (0 = none). */
  items: number[];
  scores: number[];
  /** Entries left out: plan to watch, hidden with Not interested, not in the catalogue. */
  planned: number;
  hidden: number;
  unmatched: number;
}

/** The entries that count: seen at least in part, in the catalogue, not hidden; each anime once. */
export function countedTitles(
  entries: readonly TasteEntry[],
  hidden: readonly Pick<HiddenTitle, 'malId'>[],
  catalogue: Catalogue,
): CountedTitles {
  const byMalId = new Map<number, number>();
  catalogue.malId.forEach((id, i) => byMalId.set(id, i));
  // Titles are matched only for entries without an id (a CSV): building that map takes a while.
  const byTitle = entries.some((e) => e.malId === null) ? buildLookup(catalogue).byTitle : null;
  const hiddenIds = new Set(hidden.map((h) => h.malId));
  const taken = new Set<number>();
  const counted: CountedTitles = { items: [], scores: [], planned: 0, hidden: 0, unmatched: 0 };
  for (const entry of entries) {
    if (!countsAsSeen(statusCode(entry.status))) {
      counted.planned++;
      continue;
    }
    const i =
      entry.malId !== null ? byMalId.get(entry.malId) : byTitle?.get(normaliseTitle(entry.title));
    if (hiddenIds.has(i === undefined ? (entry.malId ?? -1) : catalogue.malId[i]!)) {
      counted.hidden++;
    } else if (i === undefined) {
      counted.unmatched++;
    } else if (!taken.has(i)) {
      taken.add(i);
      counted.items.push(i);
      counted.scores.push(entry.score);
    }
  }
  return counted;
}

export interface ScoreComparison {
  /** Titles with both the user's score and MAL's mean. */
  scored: number;
  /** How many of them the user scored 1, 2, … 10 (index 0 = 1). */
  yours: number[];
  /** How many of them have a MAL mean that rounds to 1, 2, … 10. */
  mal: number[];
  yourMean: number;
  malMean: number;
  /** yourMean − malMean. */
  difference: number;
}

export interface StudioRow {
  name: string;
  titles: number;
  /** Titles of the studio the user scored, and their mean score (0 when none). */
  scored: number;
  meanScore: number;
}

export interface TasteProfile {
  titles: number;
  /** Per genre / theme label (the catalogue's order): the share of the titles with it. */
  genres: number[];
  themes: number[];
  scores: ScoreComparison;
  /** Titles whose members count is known, its median, and the share in each members bucket. */
  members: { known: number; median: number; buckets: number[] };
  /** Every studio of the titles, most titles first (then higher mean score, then name). */
  studios: StudioRow[];
  /** Titles per premiere year, every year from the first to the last (none when no year is known). */
  years: { year: number; titles: number }[];
}

export function tasteProfile({ items, scores }: CountedTitles, catalogue: Catalogue): TasteProfile {
  const n = items.length;
  const share = (counts: Float64Array) => Array.from(counts, (c) => (n ? c / n : 0));
  return {
    titles: n,
    genres: share(
      addLabelCounts(catalogue.genres, items, new Float64Array(catalogue.genres.labels.length)),
    ),
    themes: share(
      addLabelCounts(catalogue.themes, items, new Float64Array(catalogue.themes.labels.length)),
    ),
    scores: scoreComparison(items, scores, catalogue),
    members: membersOf(items, catalogue),
    studios: studioRows(items, scores, catalogue),
    years: yearCounts(items, catalogue),
  };
}

function scoreComparison(items: number[], scores: number[], catalogue: Catalogue): ScoreComparison {
  const yours = new Array<number>(10).fill(0);
  const mal = new Array<number>(10).fill(0);
  let yourSum = 0;
  let malSum = 0;
  let scored = 0;
  items.forEach((i, k) => {
    const mine = scores[k]!;
    const theirs = malMean(catalogue.score, i);
    if (!mine || !theirs) return;
    scored++;
    yourSum += mine;
    malSum += theirs;
    bump(yours, mine - 1);
    bump(mal, Math.min(10, Math.max(1, Math.round(theirs))) - 1);
  });
  const yourMean = scored ? yourSum / scored : 0;
  const malMeanOf = scored ? malSum / scored : 0;
  return { scored, yours, mal, yourMean, malMean: malMeanOf, difference: yourMean - malMeanOf };
}

function membersOf(items: number[], catalogue: Catalogue): TasteProfile['members'] {
  const known = items.map((i) => catalogue.members[i]!).filter((m) => m > 0);
  const buckets = new Array<number>(MEMBER_BOUNDS.length + 1).fill(0);
  for (const m of known) bump(buckets, memberBucket(m), 1 / known.length);
  return { known: known.length, median: median(known), buckets };
}

function studioRows(items: number[], scores: number[], catalogue: Catalogue): StudioRow[] {
  const { studios } = catalogue;
  const rows = new Map<number, StudioRow>();
  items.forEach((i, k) => {
    for (let v = studios.offsets[i]!; v < studios.offsets[i + 1]!; v++) {
      const label = studios.values[v]!;
      let row = rows.get(label);
      if (!row)
        rows.set(
          label,
          (row = { name: studios.labels[label]!, titles: 0, scored: 0, meanScore: 0 }),
        );
      row.titles++;
      if (scores[k]) {
        row.meanScore = (row.meanScore * row.scored + scores[k]) / (row.scored + 1);
        row.scored++;
      }
    }
  });
  return [...rows.values()].sort(
    (a, b) => b.titles - a.titles || b.meanScore - a.meanScore || a.name.localeCompare(b.name),
  );
}

function yearCounts(items: number[], catalogue: Catalogue): TasteProfile['years'] {
  const byYear = new Map<number, number>();
  for (const i of items) {
    const year = catalogue.year[i]!;
    if (year) byYear.set(year, (byYear.get(year) ?? 0) + 1);
  }
  if (byYear.size === 0) return [];
  const first = Math.min(...byYear.keys());
  const last = Math.max(...byYear.keys());
  return Array.from({ length: last - first + 1 }, (_, k) => ({
    year: first + k,
    titles: byYear.get(first + k) ?? 0,
  }));
}
