/**
 * bangumi-data (npm, CC BY 4.0): Japanese and English titles, type, air dates, official sites and
 * streaming sites of about 7,700 anime with MAL ids. Read from the installed package at build time
 * only; everything it gives goes into the shard, so the app asks no one for it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { linkUrl } from '../../src/lib/catalogue/watch-links';
import type { WatchSite } from '../../src/lib/data/shard-types';

/** The parts of bangumi-data's item and site meta this builder reads. */
export interface BangumiItem {
  title: string;
  titleTranslate?: Partial<Record<string, string[]>>;
  type?: string;
  lang?: string;
  officialSite?: string;
  begin?: string;
  end?: string;
  sites: { site: string; id?: string; url?: string }[];
}

export interface BangumiSiteMeta {
  title: string;
  urlTemplate?: string;
  regions?: string[];
  type: string;
}

export interface BangumiData {
  version: string;
  siteMeta: Record<string, BangumiSiteMeta>;
  items: BangumiItem[];
}

/** What bangumi-data says about one MAL id. */
export interface BangumiEntry {
  titleJapanese?: string;
  titleEnglish?: string;
  type?: string;
  /** Days since 1900-01-01, Japan time. */
  airedFrom?: number;
  airedTo?: number;
  officialSite?: string;
  /** Indices into the sites list, and an id (or a full URL) per link. */
  links: { site: number; id: string }[];
}

const require = createRequire(import.meta.url);

/** The installed package's data and version. */
export function loadBangumiData(): BangumiData {
  const manifest = JSON.parse(
    readFileSync(require.resolve('bangumi-data/package.json'), 'utf8'),
  ) as { version: string };
  const data = JSON.parse(readFileSync(require.resolve('bangumi-data'), 'utf8')) as Omit<
    BangumiData,
    'version'
  >;
  return { version: manifest.version, siteMeta: data.siteMeta, items: data.items };
}

/** The installed version, for the shard's fingerprint; '' when the package is missing. */
export function bangumiVersion(): string {
  try {
    return (
      JSON.parse(readFileSync(require.resolve('bangumi-data/package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    return '';
  }
}

const TYPES: Record<string, string> = { tv: 'TV', movie: 'Movie', ova: 'OVA', web: 'ONA' };

/** English names for sites whose bangumi-data name is Chinese or Japanese. */
const SITE_NAMES: Record<string, string> = {
  bilibili: 'Bilibili',
  bilibili_hk_mo_tw: 'Bilibili (HK, MO, TW)',
  bilibili_hk_mo: 'Bilibili (HK, MO)',
  bilibili_tw: 'Bilibili (TW)',
  youku: 'Youku',
  qq: 'Tencent Video',
  iqiyi: 'iQIYI',
  letv: 'LeTV',
  mgtv: 'Mango TV',
  gamer: 'Bahamut Anime Crazy',
  gamer_hk: 'Bahamut Anime Crazy (HK)',
  muse_hk: 'Muse Asia (HK)',
  muse_tw: 'Muse Asia (TW)',
  ani_one: 'Ani-One',
  tropics: 'Tropics',
  danime: 'd Anime Store',
};

/**
 * Streaming sites only: bangumi-data's "onair" sites with a URL pattern. Its "resource" sites
 * (dmhy, Mikan, bangumi.moe) are BitTorrent indexes of fan releases, not places to watch legally,
 * so they are left out; "info" sites (MAL, AniDB, …) are databases, not streams. Sites that serve
 * mainland China only (Bilibili, iQIYI, Tencent, Youku, …: about 6,000 links, 40 KiB) are left out
 * too: their pages are Chinese-only and need a Chinese account, and the shard must stay small.
 */
export function watchSites(meta: Record<string, BangumiSiteMeta>): WatchSite[] {
  return Object.entries(meta)
    .filter(([, m]) => m.type === 'onair' && m.urlTemplate?.startsWith('https://'))
    .filter(([, m]) => !(m.regions?.length === 1 && m.regions[0] === 'CN'))
    .map(([key, m]) => ({
      key,
      name: SITE_NAMES[key] ?? m.title,
      regions: m.regions ?? [],
      urlTemplate: m.urlTemplate!,
    }));
}

const EPOCH = Date.UTC(1900, 0, 1);
const DAY = 86_400_000;
const JST = 9 * 3_600_000;

/** An ISO instant → days since 1900-01-01 as a date in Japan (where the air dates are set). */
export function dayNumber(iso: string | undefined): number | undefined {
  const t = Date.parse(iso ?? '');
  if (!Number.isFinite(t)) return undefined;
  const day = Math.floor((t + JST - EPOCH) / DAY);
  return day > 0 && day <= 0xffff ? day : undefined;
}

export function dayToDate(day: number): Date {
  return new Date(EPOCH + day * DAY);
}

/** One entry per MAL id (the first item that names it: a few ids are shared by two items). */
export function bangumiEntries(data: BangumiData, sites: WatchSite[]): Map<number, BangumiEntry> {
  const siteIndex = new Map(sites.map((s, i) => [s.key, i]));
  const out = new Map<number, BangumiEntry>();
  for (const item of data.items) {
    const malId = Number(item.sites.find((s) => s.site === 'mal')?.id);
    if (!Number.isInteger(malId) || malId <= 0 || out.has(malId)) continue;
    const links: BangumiEntry['links'] = [];
    // One link per page: two regional editions of a site often share one (Bahamut TW and HK),
    // and the app would show only the first of them anyway.
    const seen = new Set<string>();
    for (const s of item.sites) {
      const site = siteIndex.get(s.site);
      const id = s.url?.startsWith('https://') ? s.url : s.id?.trim();
      if (site === undefined || !id) continue;
      const url = linkUrl(sites[site]!, id) ?? `${site}\0${id}`;
      if (seen.has(url)) continue;
      seen.add(url);
      links.push({ site, id });
    }
    const english = item.titleTranslate?.en?.find((t) => t.trim());
    const from = dayNumber(item.begin);
    const to = dayNumber(item.end);
    out.set(malId, {
      titleJapanese: item.lang === 'ja' && item.title.trim() ? item.title.trim() : undefined,
      titleEnglish: english?.trim(),
      type: TYPES[item.type ?? ''],
      airedFrom: from,
      airedTo: from !== undefined && to !== undefined && to >= from ? to : undefined,
      officialSite: /^https?:\/\/[^\s]+$/.test(item.officialSite ?? '')
        ? item.officialSite
        : undefined,
      links,
    });
  }
  return out;
}

/**
 * MAL's season of a first air date: by calendar quarter, except that a show starting in the last
 * days of a quarter's final month belongs to the next season, as broadcasters (and MAL) count it
 * (Frieren began on 29 September 2023: Fall 2023).
 */
export function seasonOf(day: number): { year: number; season: number } {
  const date = dayToDate(day);
  let year = date.getUTCFullYear();
  let season = Math.floor(date.getUTCMonth() / 3) + 1;
  if (date.getUTCMonth() % 3 === 2 && date.getUTCDate() >= 20) {
    season = (season % 4) + 1;
    if (season === 1) year++;
  }
  return { year, season };
}

/** The calendar quarter of a date, the other reading of a season a table may have used. */
function quarterOf(day: number): { year: number; season: number } {
  const date = dayToDate(day);
  return { year: date.getUTCFullYear(), season: Math.floor(date.getUTCMonth() / 3) + 1 };
}

export type DateDecision = 'kept' | 'differs' | 'filled' | 'refined' | 'corrected' | 'none';

/**
 * Year and season: the tables' where they name a season, bangumi-data's first air date otherwise.
 * A table's season is MAL's, which counts the first release anywhere (Cowboy Bebop: Spring 1998 on
 * TV Tokyo), while bangumi-data may list a later Japanese broadcast (WOWOW, October 1998) or the
 * Japanese dub of a Chinese show, so a season named by a table is kept even where the two differ
 * ('differs'). A year alone is an announcement made before the show aired (the 2022 table says
 * "2023-01-01" for Jujutsu Kaisen season 2, which began in July 2023): it gains the season
 * ('refined') or, if the show came out in another year, takes bangumi-data's ('corrected').
 */
export function decideDate(
  table: { year: number; season: number },
  airedFrom: number | undefined,
): { year: number; season: number; decision: DateDecision } {
  if (airedFrom === undefined) return { ...table, decision: table.year ? 'kept' : 'none' };
  const aired = seasonOf(airedFrom);
  if (!table.year) return { ...aired, decision: 'filled' };
  const quarter = quarterOf(airedFrom);
  if (!table.season) {
    if (table.year === aired.year) return { ...aired, decision: 'refined' };
    if (table.year === quarter.year) return { ...quarter, decision: 'refined' };
    return { ...aired, decision: 'corrected' };
  }
  const same = (d: { year: number; season: number }) =>
    d.year === table.year && d.season === table.season;
  return { ...table, decision: same(aired) || same(quarter) ? 'kept' : 'differs' };
}
