/** Display helpers for catalogue entries. */
import { SEASONS, type Catalogue, type MultiColumn } from '$lib/data/shard-types';

/** The English title when known, else the romaji one. */
function plainTitle(c: Catalogue, i: number): string {
  return c.titleEnglish[i] || c.title[i] || `MAL anime #${c.malId[i]}`;
}

/** Ever more detail to tell entries with one title apart: type and premiere, episodes, MAL id. */
const DETAILS: ((c: Catalogue, i: number) => string)[] = [
  (c, i) => [c.type.labels[c.type.codes[i]!], premiere(c, i)].filter(Boolean).join(', '),
  (c, i) => episodesText(c, i),
  (c, i) => `MAL ${c.malId[i]}`,
];

const distinctTitles = new WeakMap<Catalogue, Map<number, string>>();

/** For each entry whose title another entry shares, its title with enough detail to differ. */
function titlesTold(c: Catalogue): Map<number, string> {
  let told = distinctTitles.get(c);
  if (told) return told;
  const byTitle = new Map<string, number[]>();
  for (let i = 0; i < c.size; i++) {
    const title = plainTitle(c, i);
    const same = byTitle.get(title);
    if (same) same.push(i);
    else byTitle.set(title, [i]);
  }
  told = new Map();
  for (const [title, entries] of byTitle) {
    if (entries.length < 2) continue;
    const parts = new Map(entries.map((i) => [i, [] as string[]]));
    for (const detail of DETAILS) {
      for (const i of entries) parts.get(i)!.push(detail(c, i));
      const labels = entries.map((i) => parts.get(i)!.filter(Boolean).join(', '));
      if (new Set(labels).size === entries.length) break;
    }
    for (const i of entries) told.set(i, `${title} (${parts.get(i)!.filter(Boolean).join(', ')})`);
  }
  distinctTitles.set(c, told);
  return told;
}

/**
 * The English title when known, else the romaji one; where another entry has the same title,
 * with its type and premiere (and more, until they differ) in brackets.
 */
export function displayTitle(c: Catalogue, i: number): string {
  return titlesTold(c).get(i) ?? plainTitle(c, i);
}

export function labelsOf(column: MultiColumn, i: number): string[] {
  const out: string[] = [];
  for (let k = column.offsets[i]!; k < column.offsets[i + 1]!; k++)
    out.push(column.labels[column.values[k]!]!);
  return out;
}

export function premiere(c: Catalogue, i: number): string {
  const year = c.year[i];
  if (!year) return '';
  const season = SEASONS[c.season[i]!] ?? '';
  return season ? `${season} ${year}` : String(year);
}

const DAY = 86_400_000;
const EPOCH = Date.UTC(1900, 0, 1);
const dateFormat = new Intl.DateTimeFormat('en', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** "Sep 29, 2023 – Mar 22, 2024" from the air-date columns (days since 1900, Japan time). */
export function airedText(c: Catalogue, i: number): string {
  const from = c.airedFrom[i]!;
  if (!from) return '';
  const day = (d: number) => dateFormat.format(new Date(EPOCH + d * DAY));
  const to = c.airedTo[i]!;
  return to && to !== from ? `${day(from)} – ${day(to)}` : day(from);
}

export function scoreText(c: Catalogue, i: number): string {
  return c.score[i] ? (c.score[i]! / 100).toFixed(2) : '–';
}

export function episodesText(c: Catalogue, i: number): string {
  const n = c.episodes[i]!;
  return n ? `${n} ep${n === 1 ? '' : 's'}` : '? eps';
}

export function compactNumber(n: number): string {
  return new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

const AGE_RATINGS: Record<string, string> = {
  G: 'G – All ages',
  PG: 'PG – Children',
  'PG-13': 'PG-13 – Teens 13 or older',
  R: 'R – 17+ (violence & profanity)',
  'R+': 'R+ – Mild nudity',
  Rx: 'Rx – Hentai',
};

export function ageRatingText(code: string): string {
  return AGE_RATINGS[code] ?? code;
}
