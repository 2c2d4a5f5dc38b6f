/**
 * The picks a page showed, kept with everything their cards need (the titles, and the titles
 * their reasons name, as a small catalogue of their own): a return visit shows them at once,
 * before the dataset is decoded, and replaces them with fresh ones when those are ready.
 */
import { catalogueSubset } from '$lib/catalogue/subset';
import type { Catalogue } from '$lib/data/shard-types';
import type { Explanation } from './explain';
import type { Ranked } from './rank';

/** Bumped when what is kept changes shape: picks kept by an older release are not shown. */
export const LAST_PICKS_FORMAT = 1;

export interface LastPicks {
  format: typeof LAST_PICKS_FORMAT;
  /** When the list they were computed from was last changed (its `updatedAt`). */
  listUpdatedAt: string;
  savedAt: string;
  /** The picks' titles first, in order, then the titles their reasons name. */
  catalogue: Catalogue;
  /** Indices into `catalogue`. */
  ranked: Ranked[];
  explanations: Explanation[];
  /** Indices into `catalogue` of the picks on the user's plan-to-watch list. */
  planned: number[];
}

/** Every catalogue index an explanation names. */
function namedBy(e: Explanation): number[] {
  return [
    ...(e.continues === null ? [] : [e.continues]),
    ...e.fansOf,
    ...e.becauseYouLiked,
    ...Object.keys(e.regard).map(Number),
  ];
}

/** The picks as shown (`ranked`, explained by `shown`), in a form that needs no dataset. */
export function keepPicks(
  catalogue: Catalogue,
  ranked: Ranked[],
  shown: ReadonlyMap<number, Explanation>,
  isPlanned: (index: number) => boolean,
  listUpdatedAt: string,
  savedAt: Date,
): LastPicks {
  const position = new Map<number, number>();
  const add = (index: number) => {
    if (!position.has(index)) position.set(index, position.size);
  };
  ranked.forEach((r) => add(r.index));
  const explained = ranked.flatMap((r) => shown.get(r.index) ?? []);
  explained.forEach((e) => namedBy(e).forEach(add));
  const at = (index: number) => position.get(index)!;
  return {
    format: LAST_PICKS_FORMAT,
    listUpdatedAt,
    savedAt: savedAt.toISOString(),
    catalogue: catalogueSubset(catalogue, [...position.keys()]),
    ranked: ranked.map((r) => ({ ...r, index: at(r.index) })),
    explanations: explained.map((e) => ({
      ...e,
      index: at(e.index),
      continues: e.continues === null ? null : at(e.continues),
      fansOf: e.fansOf.map(at),
      becauseYouLiked: e.becauseYouLiked.map(at),
      regard: Object.fromEntries(Object.entries(e.regard).map(([i, r]) => [at(Number(i)), r])),
    })),
    planned: ranked.filter((r) => isPlanned(r.index)).map((r) => at(r.index)),
  };
}

/** Whether every pick has its reasons (a page saves its picks only then). */
export function allExplained(ranked: Ranked[], shown: ReadonlyMap<number, Explanation>): boolean {
  return ranked.every((r) => shown.has(r.index));
}

/** When picks were saved, in words: "just now", "5 minutes ago", "yesterday", "3 days ago". */
export function agoText(savedAt: string, now: Date): string {
  const minutes = Math.max(0, (now.getTime() - Date.parse(savedAt)) / 60_000);
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  if (!Number.isFinite(minutes) || minutes < 1) return 'just now';
  if (minutes < 60) return plural(Math.floor(minutes), 'minute');
  const hours = minutes / 60;
  if (hours < 24) return plural(Math.floor(hours), 'hour');
  const days = Math.floor(hours / 24);
  return days === 1 ? 'yesterday' : plural(days, 'day');
}
