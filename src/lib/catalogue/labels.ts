/** Display helpers for catalogue entries. */
import { SEASONS, type Catalogue, type MultiColumn } from '$lib/data/shard-types';

/** The English title when known, else the romaji one. */
export function displayTitle(c: Catalogue, i: number): string {
  return c.titleEnglish[i] || c.title[i] || `MAL anime #${c.malId[i]}`;
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
