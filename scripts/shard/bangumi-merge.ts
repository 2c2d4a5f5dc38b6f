/**
 * Merges bangumi-data into the catalogue rows by MAL id. The MAL tables stay the authority for
 * what they know well (MAL's own English title and type, with types bangumi-data lacks such as
 * Special or Music); bangumi-data fills what they lack (Japanese titles, air dates, official and
 * streaming sites) and corrects season guesses the tables made before a show aired.
 */
import type { AnimeRow } from './catalogue';
import { decideDate, type BangumiEntry, type DateDecision } from './bangumi';

export interface BangumiCounts {
  /** Catalogue entries bangumi-data knows. */
  matched: number;
  dates: Record<DateDecision, number>;
  /** Entries that gained a first air date. */
  airDates: number;
  titleJapanese: number;
  titleEnglish: number;
  type: number;
  officialSite: number;
  /** Entries with at least one streaming link, and the links in all. */
  watch: number;
  links: number;
}

export function mergeBangumi(rows: AnimeRow[], entries: Map<number, BangumiEntry>): BangumiCounts {
  const counts: BangumiCounts = {
    matched: 0,
    dates: { kept: 0, differs: 0, filled: 0, refined: 0, corrected: 0, none: 0 },
    airDates: 0,
    titleJapanese: 0,
    titleEnglish: 0,
    type: 0,
    officialSite: 0,
    watch: 0,
    links: 0,
  };
  for (const row of rows) {
    const entry = entries.get(row.malId);
    if (!entry) continue;
    counts.matched++;
    if (!row.titleJapanese && entry.titleJapanese) {
      row.titleJapanese = entry.titleJapanese;
      row.synonyms = row.synonyms.filter((s) => s !== entry.titleJapanese);
      counts.titleJapanese++;
    }
    // bangumi-data's English title is often the romaji one in capitals ("ONE PIECE"), which
    // would only replace a well-cased title on screen; such titles are not taken.
    if (!row.titleEnglish && entry.titleEnglish && !sameWords(entry.titleEnglish, row.title)) {
      row.titleEnglish = entry.titleEnglish;
      row.synonyms = row.synonyms.filter((s) => s !== entry.titleEnglish);
      counts.titleEnglish++;
    }
    if (!row.type && entry.type) {
      row.type = entry.type;
      counts.type++;
    }
    const date = decideDate(row, entry.airedFrom);
    counts.dates[date.decision]++;
    row.year = date.year;
    row.season = date.season;
    if (entry.airedFrom !== undefined) {
      row.airedFrom = entry.airedFrom;
      row.airedTo = entry.airedTo ?? 0;
      counts.airDates++;
    }
    if (entry.officialSite) {
      row.officialSite = entry.officialSite;
      counts.officialSite++;
    }
    row.watch = entry.links;
    if (entry.links.length) counts.watch++;
    counts.links += entry.links.length;
  }
  return counts;
}

/** Equal but for case, width, spacing and punctuation. */
function sameWords(a: string, b: string): boolean {
  const words = (t: string) =>
    t
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '');
  return words(a) === words(b);
}

export function describeCounts(version: string, rows: number, c: BangumiCounts): string[] {
  const d = c.dates;
  return [
    `  bangumi-data ${version}: ${c.matched} of ${rows} catalogue entries matched by MAL id`,
    `    air dates: ${c.airDates} entries gained first/last air dates; year and season ` +
      `${d.filled} filled (none before), ${d.refined} refined (year only before), ` +
      `${d.corrected} corrected (a year announced before airing), ${d.kept} kept (agree), ` +
      `${d.differs} kept (the table's season differs from this broadcast)`,
    `    titles: ${c.titleJapanese} gained a Japanese title, ${c.titleEnglish} an English title; ` +
      `${c.type} gained a type`,
    `    links: ${c.officialSite} gained an official site, ${c.watch} gained streaming links ` +
      `(${c.links} links)`,
  ];
}
