/** Anime seasons (Winter = January–March … Fall = October–December), as the catalogue numbers them. */
import { SEASONS } from '$lib/data/shard-types';

export interface Season {
  year: number;
  /** 1 = Winter, 2 = Spring, 3 = Summer, 4 = Fall. */
  season: number;
}

/** The season a date falls in (by the device's calendar). */
export function seasonOf(date: Date): Season {
  return { year: date.getFullYear(), season: Math.floor(date.getMonth() / 3) + 1 };
}

/** The season `steps` seasons after (or, negative, before) `s`. */
export function shiftSeason(s: Season, steps: number): Season {
  const k = s.year * 4 + (s.season - 1) + steps;
  return { year: Math.floor(k / 4), season: (k % 4) + 1 };
}

export function seasonLabel(s: Season): string {
  return `${SEASONS[s.season]} ${s.year}`;
}

/** "2026-fall", for a page address. */
export function seasonKey(s: Season): string {
  return `${s.year}-${SEASONS[s.season]!.toLowerCase()}`;
}

/** The season a `seasonKey` names, or null. */
export function parseSeasonKey(key: string | null): Season | null {
  const match = /^(\d{4})-(winter|spring|summer|fall)$/.exec(key ?? '');
  if (!match) return null;
  const season = SEASONS.findIndex((name) => name?.toLowerCase() === match[2]);
  return { year: Number(match[1]), season };
}
