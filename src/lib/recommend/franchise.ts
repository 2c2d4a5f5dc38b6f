/**
 * Franchises without a relation table: entries are grouped by the part of their romaji title
 * before a sequel marker ("Season 2", "2nd Season", "Movie", "II", ": subtitle", "?", "°"…), and a
 * title that extends another group's name by whole words joins it. Within a group, entries are
 * ordered by air date; a continuation is recommended only once the user has seen an earlier entry.
 */
import { normaliseTitle } from '$lib/catalogue/search-index';
import type { Catalogue } from '$lib/data/shard-types';

export interface Franchises {
  /** Group of each anime (a group id is the index of one of its members). */
  group: Int32Array;
  /** Position of each anime in its group's air-date order (0 = the first entry). */
  order: Uint16Array;
  /** Each group's members in air-date order, keyed by group id. */
  members: Map<number, number[]>;
}

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
  return { group, order, members };
}

/**
 * Which anime are continuations the user is not ready for: not the first of their franchise, and
 * no entry of the franchise that aired before them has been seen (`seen[i]` non-zero).
 */
export function unreadyContinuations(f: Franchises, seen: Uint8Array): Uint8Array {
  const blocked = new Uint8Array(f.group.length);
  for (const list of f.members.values()) {
    if (list.length < 2) continue;
    let seenEarlier = seen[list[0]!] !== 0;
    for (let k = 1; k < list.length; k++) {
      const i = list[k]!;
      if (!seenEarlier) blocked[i] = 1;
      if (seen[i]) seenEarlier = true;
    }
  }
  return blocked;
}
