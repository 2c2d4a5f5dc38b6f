/**
 * A season's anime ranked for the user: continuations of franchises they liked first, then the
 * rest by the same blend as For you (content and popularity carry titles the dataset's users have
 * not rated yet). Without a list: the season's most-listed titles.
 */
import { FLAG_ADULT, type Catalogue } from '$lib/data/shard-types';
import type { Season } from '$lib/catalogue/seasons';
import {
  noFilters,
  rankRecommendations,
  type BlendControls,
  type PreparedSignals,
  type Ranked,
} from './rank';

export function seasonRanking(
  c: Catalogue,
  p: PreparedSignals | null,
  controls: BlendControls,
  season: Season,
  limit: number,
): Ranked[] {
  if (!p) return byMembers(c, controls.showAdult, season, limit);
  const filters = {
    ...noFilters(),
    seasons: [season.season],
    yearFrom: season.year,
    yearTo: season.year,
  };
  const ranked = rankRecommendations(
    c,
    p,
    { ...controls, newFranchisesOnly: false },
    filters,
    limit,
  );
  // The list rules already left out continuations of what the user did not like: a started
  // franchise that is still here is one they liked.
  const continuing = ranked.filter((r) => p.startedFranchise[r.index]);
  return [...continuing, ...ranked.filter((r) => !p.startedFranchise[r.index])];
}

/**
 * `wanted` when the catalogue has titles of it, else the latest season before it that has (the
 * dataset may end before the device's date); null for an empty catalogue.
 */
export function seasonWithTitles(c: Catalogue, wanted: Season): Season | null {
  const key = (year: number, season: number) => year * 4 + season - 1;
  const limit = key(wanted.year, wanted.season);
  let best = -1;
  for (let i = 0; i < c.size; i++) {
    const k = c.season[i] ? key(c.year[i]!, c.season[i]!) : -1;
    if (k <= limit && k > best) best = k;
  }
  return best < 0 ? null : { year: Math.floor(best / 4), season: (best % 4) + 1 };
}

function byMembers(c: Catalogue, showAdult: boolean, season: Season, limit: number): Ranked[] {
  const found: number[] = [];
  for (let i = 0; i < c.size; i++)
    if (
      c.year[i] === season.year &&
      c.season[i] === season.season &&
      (showAdult || !(c.flags[i]! & FLAG_ADULT))
    )
      found.push(i);
  return found
    .sort((a, b) => c.members[b]! - c.members[a]! || a - b)
    .slice(0, limit)
    .map((index) => ({ index, score: c.members[index]!, blend: 0, standing: Infinity }));
}
