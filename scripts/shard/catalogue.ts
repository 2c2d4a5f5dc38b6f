/**
 * Merges what every metadata table says about each anime into one catalogue, fresher tables
 * first, and orders it by popularity (members) so that users' entries are small gaps apart.
 */
import {
  FLAG_ADULT,
  type Catalogue,
  type DictColumn,
  type MultiColumn,
  type WatchColumn,
  type WatchSite,
} from '../../src/lib/data/shard-types';
import type { AnimeFacts } from './anime-facts';
import { splitTags } from './genres';
import type { LinkTable, MetadataRecord } from './metadata-formats';

export interface AnimeRow {
  malId: number;
  title: string;
  titleEnglish: string;
  titleJapanese: string;
  synonyms: string[];
  synopsis: string;
  type: string;
  source: string;
  ageRating: string;
  episodes: number;
  year: number;
  season: number;
  score: number;
  members: number;
  adult: boolean;
  genres: string[];
  themes: string[];
  studios: string[];
  /** From bangumi-data (see bangumi-merge.ts); 0 / '' / [] when it does not know the anime. */
  airedFrom: number;
  airedTo: number;
  officialSite: string;
  watch: { site: number; id: string }[];
}

interface Contribution {
  priority: number;
  facts: AnimeFacts;
}

export class CatalogueMerger {
  private readonly contributions = new Map<number, Contribution[]>();
  private readonly lookups: Record<LinkTable, Map<number, string>> = {
    genre: new Map(),
    studio: new Map(),
  };
  private readonly links: { table: LinkTable; anime: number; id: number; priority: number }[] = [];
  private readonly rated = new Set<number>();

  add(record: MetadataRecord, priority: number): void {
    if (record.kind === 'facts') this.contribute(record.id, priority, record.facts);
    else if (record.kind === 'lookup') this.lookups[record.table].set(record.id, record.name);
    else this.links.push({ ...record, priority });
  }

  /** Anime seen in ratings are kept even when no metadata table knows them. */
  addRated(malId: number): void {
    this.rated.add(malId);
  }

  rows(): AnimeRow[] {
    this.resolveLinks();
    for (const id of this.rated) if (!this.contributions.has(id)) this.contributions.set(id, []);
    const rows = [...this.contributions].map(([id, list]) => mergeFacts(id, list));
    return rows.sort((a, b) => b.members - a.members || a.malId - b.malId);
  }

  private contribute(id: number, priority: number, facts: AnimeFacts): void {
    const list = this.contributions.get(id) ?? [];
    list.push({ priority, facts });
    this.contributions.set(id, list);
  }

  private resolveLinks(): void {
    const grouped = new Map<
      string,
      { anime: number; priority: number; table: LinkTable; names: string[] }
    >();
    for (const link of this.links.splice(0)) {
      const name = this.lookups[link.table].get(link.id);
      if (!name) continue;
      const key = `${link.table}:${link.anime}`;
      const entry = grouped.get(key) ?? {
        anime: link.anime,
        priority: link.priority,
        table: link.table,
        names: [],
      };
      entry.names.push(name);
      grouped.set(key, entry);
    }
    for (const { anime, priority, table, names } of grouped.values()) {
      this.contribute(anime, priority, table === 'genre' ? { tags: names } : { studios: names });
    }
  }
}

/** Per field, the value from the freshest table that has one. */
export function mergeFacts(malId: number, contributions: Contribution[]): AnimeRow {
  const ordered = [...contributions].sort((a, b) => b.priority - a.priority);
  const pick = <K extends keyof AnimeFacts>(key: K): AnimeFacts[K] | undefined =>
    ordered.find((c) => c.facts[key] !== undefined)?.facts[key];
  let genres: string[] = [];
  const themes = new Set<string>();
  const synonyms = new Set<string>();
  for (const { facts } of ordered) {
    const split = splitTags(facts.tags ?? []);
    if (genres.length === 0) genres = split.genres;
    split.themes.forEach((t) => themes.add(t));
    facts.synonyms?.forEach((s) => synonyms.add(s));
  }
  const title = pick('title') ?? '';
  const titleEnglish = pick('titleEnglish') ?? '';
  const titleJapanese = pick('titleJapanese') ?? '';
  for (const known of [title, titleEnglish, titleJapanese]) synonyms.delete(known);
  const ageRating = pick('ageRating') ?? '';
  // Year and season come together from one table, so a season never pairs with another table's year.
  const dated = ordered.find((c) => c.facts.year !== undefined)?.facts;
  return {
    malId,
    title,
    titleEnglish,
    titleJapanese,
    synonyms: [...synonyms],
    synopsis: pick('synopsis') ?? '',
    type: pick('type') ?? '',
    source: pick('source') ?? '',
    ageRating,
    episodes: Math.round(pick('episodes') ?? 0),
    year: dated?.year ?? 0,
    season: dated?.season ?? 0,
    score: pick('score') ?? 0,
    members: Math.round(pick('members') ?? 0),
    // MAL's Erotica genre is as explicit as Hentai, though rated R+ (Redo of Healer, Yosuga no Sora).
    adult: ageRating === 'Rx' || genres.includes('Hentai') || genres.includes('Erotica'),
    genres,
    themes: [...themes].sort(),
    studios: pick('studios') ?? [],
    airedFrom: 0,
    airedTo: 0,
    officialSite: '',
    watch: [],
  };
}

export function toCatalogue(rows: AnimeRow[], watchSites: WatchSite[] = []): Catalogue {
  const n = rows.length;
  const col = <T>(f: (r: AnimeRow) => T) => rows.map(f);
  return {
    size: n,
    malId: Uint32Array.from(col((r) => r.malId)),
    title: col((r) => r.title),
    titleEnglish: col((r) => r.titleEnglish),
    titleJapanese: col((r) => r.titleJapanese),
    titleSynonyms: col((r) => r.synonyms.join('; ')),
    synopsis: col((r) => r.synopsis),
    type: dict(col((r) => r.type)),
    source: dict(col((r) => r.source)),
    ageRating: dict(col((r) => r.ageRating)),
    episodes: Uint16Array.from(col((r) => Math.min(r.episodes, 0xffff))),
    year: Uint16Array.from(col((r) => r.year)),
    season: Uint8Array.from(col((r) => r.season)),
    score: Uint16Array.from(col((r) => Math.round(r.score * 100))),
    members: Uint32Array.from(col((r) => r.members)),
    flags: Uint8Array.from(col((r) => (r.adult ? FLAG_ADULT : 0))),
    genres: multi(col((r) => r.genres)),
    themes: multi(col((r) => r.themes)),
    studios: multi(col((r) => r.studios)),
    airedFrom: Uint16Array.from(col((r) => r.airedFrom)),
    airedTo: Uint16Array.from(col((r) => r.airedTo)),
    officialSite: col((r) => r.officialSite),
    watch: watchColumn(rows, watchSites),
  };
}

function watchColumn(rows: AnimeRow[], sites: WatchSite[]): WatchColumn {
  const offsets = new Uint32Array(rows.length + 1);
  rows.forEach((r, i) => (offsets[i + 1] = offsets[i]! + r.watch.length));
  const links = rows.flatMap((r) => r.watch);
  return {
    sites,
    offsets,
    site: Uint8Array.from(links, (l) => l.site),
    ids: links.map((l) => l.id),
  };
}

/** Labels sorted, with '' (unknown) first so code 0 always means unknown. */
function dict(values: string[]): DictColumn {
  const labels = ['', ...[...new Set(values)].filter((v) => v !== '').sort()];
  if (labels.length > 256) throw new RangeError('too many distinct labels for a one-byte code');
  const index = new Map(labels.map((l, i) => [l, i]));
  return { labels, codes: Uint8Array.from(values.map((v) => index.get(v)!)) };
}

function multi(lists: string[][]): MultiColumn {
  const labels = [...new Set(lists.flat())].sort();
  if (labels.length > 0xffff) throw new RangeError('too many distinct labels for a 16-bit code');
  const index = new Map(labels.map((l, i) => [l, i]));
  const offsets = new Uint32Array(lists.length + 1);
  lists.forEach((l, i) => (offsets[i + 1] = offsets[i]! + l.length));
  return { labels, offsets, values: Uint16Array.from(lists.flat().map((l) => index.get(l)!)) };
}
