/**
 * Franchises without a relation table: entries are grouped by the part of their romaji title
 * before a sequel marker ("Season 2", "2nd Season", "Movie", "II", ": subtitle", "?", "°"…), and a
 * title that extends another group's name by whole words joins it. Within a group, entries are
 * ordered by air date; a continuation is recommended only after a liked earlier entry, and never
 * after one the user dropped or disliked.
 */
import { normaliseTitle } from '$lib/catalogue/title-text';
import type { Catalogue } from '$lib/data/shard-types';
import { Opinion } from '$lib/library/opinions';

export interface Franchises {
  /** Group of each anime (a group id is the index of one of its members). */
  group: Int32Array;
  /** Position of each anime in its group's air-date order (0 = the first entry). */
  order: Uint16Array;
  /** Each group's members in air-date order, keyed by group id. */
  members: Map<number, number[]>;
  /** How much of the main story an entry is: 2 a TV series, 1 a film or ONA, 0 the rest. */
  mainRank: Uint8Array;
}

const MAIN_RANK: Record<string, number> = { TV: 2, Movie: 1, ONA: 1 };

/** Where a title's base name ends: a subtitle, an exclamation, a sequel or side-story marker. */
const MARKERS = [
  /\s*[:?!]\s/,
  /[?!'’°.]+$/,
  /[.'’°]\s/,
  /\s[-–~]\s/,
  /\s\(\w+\)$/,
  /\s(?:the\s)?(?:movie|ova|ona|oad|specials?|recap|season|part|cour|final|picture drama)\b/i,
  /\s\d+(?:st|nd|rd|th)\s+season\b/i,
  /\s(?:ii|iii|iv|v|vi|vii|viii|ix|x)$/i,
  /\s\d{1,2}$/,
];
const MIN_BASE_LENGTH = 4;
/** A group name another title may extend must be this specific (not "monster" or "k on"). */
const MIN_PREFIX_WORDS = 2;
const MIN_PREFIX_LENGTH = 8;

/** The franchise name of a title: "Shingeki no Kyojin Season 3 Part 2" → "shingeki no kyojin". */
export function franchiseKey(title: string): string {
  let base = title.trim();
  for (;;) {
    let cut = -1;
    for (const marker of MARKERS) {
      const match = marker.exec(base);
      if (match && normaliseTitle(base.slice(0, match.index)).length >= MIN_BASE_LENGTH)
        cut = cut < 0 ? match.index : Math.min(cut, match.index);
    }
    if (cut < 0) break;
    base = base.slice(0, cut);
  }
  return normaliseTitle(base) || normaliseTitle(title);
}

/** Air-date order; an unknown year (not yet aired) sorts last. */
function airKey(c: Catalogue, i: number): number {
  const year = c.year[i] || 9999;
  return year * 10 + c.season[i]!;
}

export function groupFranchises(c: Catalogue): Franchises {
  const keys = Array.from({ length: c.size }, (_, i) => franchiseKey(c.title[i]!));
  const byKey = new Map<string, number[]>();
  keys.forEach((key, i) => {
    const list = byKey.get(key);
    if (list) list.push(i);
    else byKey.set(key, [i]);
  });
  // A key that extends a specific-enough shorter key by whole words joins that group.
  const root = (key: string): string => {
    const words = key.split(' ');
    for (let n = MIN_PREFIX_WORDS; n < words.length; n++) {
      const prefix = words.slice(0, n).join(' ');
      if (prefix.length >= MIN_PREFIX_LENGTH && byKey.has(prefix)) return prefix;
    }
    return key;
  };
  const groups = new Map<string, number[]>();
  for (const [key, list] of byKey) {
    const target = root(key);
    groups.set(target, [...(groups.get(target) ?? []), ...list]);
  }
  const group = new Int32Array(c.size);
  const order = new Uint16Array(c.size);
  const members = new Map<number, number[]>();
  for (const list of groups.values()) {
    list.sort((a, b) => airKey(c, a) - airKey(c, b) || c.malId[a]! - c.malId[b]!);
    const id = list[0]!;
    members.set(id, list);
    list.forEach((i, position) => {
      group[i] = id;
      order[i] = Math.min(position, 65535);
    });
  }
  const mainRank = Uint8Array.from(c.type.codes, (code) => MAIN_RANK[c.type.labels[code]!] ?? 0);
  return { group, order, members, mainRank };
}

export interface FranchiseRules {
  /**
   * 1: a continuation not to recommend: no earlier entry of its franchise is liked, or the latest
   * earlier entry the user saw is one they disliked (dropped, or scored 5 or less).
   */
  blocked: Uint8Array;
  /** 1: every entry of its franchise that the user saw, they disliked (left out unless asked). */
  dislikedFranchise: Uint8Array;
}

/** The franchise rules for one list (air-date order within each franchise). */
export function franchiseRules(f: Franchises, opinion: Uint8Array): FranchiseRules {
  const blocked = new Uint8Array(f.group.length);
  const dislikedFranchise = new Uint8Array(f.group.length);
  for (const list of f.members.values()) {
    let likedBefore = false;
    let lastSeen: number = Opinion.none;
    let seen = 0;
    let disliked = 0;
    list.forEach((i, k) => {
      if (k > 0 && !(likedBefore && lastSeen !== Opinion.disliked)) blocked[i] = 1;
      const o = opinion[i]!;
      if (o === Opinion.none) return;
      seen++;
      if (o === Opinion.disliked) disliked++;
      if (o === Opinion.liked) likedBefore = true;
      lastSeen = o;
    });
    if (seen > 0 && disliked === seen) for (const i of list) dislikedFranchise[i] = 1;
  }
  return { blocked, dislikedFranchise };
}

/**
 * 1 for each anime that would continue what the user dropped or disliked: its franchise is all
 * disliked, or the latest earlier entry they saw is one they disliked. What the evaluation counts
 * in a top 20 (the app's rules leave none).
 */
export function continuesDisliked(f: Franchises, opinion: Uint8Array): Uint8Array {
  const { dislikedFranchise } = franchiseRules(f, opinion);
  const out = dislikedFranchise.slice();
  for (const list of f.members.values()) {
    let lastSeen: number = Opinion.none;
    for (const i of list) {
      if (lastSeen === Opinion.disliked) out[i] = 1;
      if (opinion[i] !== Opinion.none) lastSeen = opinion[i]!;
    }
  }
  return out;
}

/**
 * The liked entry of `item`'s franchise that it follows ("Follows X" names only a liked one): the
 * latest liked TV series before it, else the latest liked film or ONA, else any liked entry, so
 * a special or a recap between two seasons is not named.
 */
export function likedPredecessor(f: Franchises, opinion: Uint8Array, item: number): number | null {
  const list = f.members.get(f.group[item]!) ?? [];
  let best: number | null = null;
  for (let k = list.indexOf(item) - 1; k >= 0; k--) {
    const i = list[k]!;
    if (opinion[i] !== Opinion.liked) continue;
    if (best === null || f.mainRank[i]! > f.mainRank[best]!) best = i;
    if (f.mainRank[best]! === 2) break;
  }
  return best;
}
