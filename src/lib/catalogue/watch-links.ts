/** Where to watch an anime: its official site and streaming pages, from bangumi-data via the shard. */
import type { Catalogue, WatchSite } from '$lib/data/shard-types';

export interface WatchLink {
  /** Site name, with the regions it serves when it does not serve everywhere. */
  label: string;
  url: string;
  /** True for sites that serve every region. */
  global: boolean;
}

/** Only http(s) URLs leave the app: data never becomes a `javascript:` or other scheme link. */
export function safeUrl(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

export function siteLabel(site: WatchSite): string {
  if (site.regions.length === 0) return site.name;
  const regions = site.regions.length <= 3 ? site.regions.join(', ') : 'Asia';
  return site.name.includes('(') ? site.name : `${site.name} (${regions})`;
}

/** The link of one site and id: the id fills the site's URL pattern, unless it is a URL itself. */
export function linkUrl(site: WatchSite, id: string): string | null {
  return safeUrl(/^https?:\/\//.test(id) ? id : site.urlTemplate.replace('{{id}}', id));
}

/**
 * Anime i's streaming links, sites that serve every region first, then in the data's order; one
 * link per URL (two regional editions of a site can share a page: Bahamut TW and HK).
 */
export function watchLinks(c: Catalogue, i: number): WatchLink[] {
  const { watch } = c;
  const links: WatchLink[] = [];
  const seen = new Set<string>();
  for (let k = watch.offsets[i]!; k < watch.offsets[i + 1]!; k++) {
    const site = watch.sites[watch.site[k]!]!;
    const url = linkUrl(site, watch.ids[k]!);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    links.push({ label: siteLabel(site), url, global: site.regions.length === 0 });
  }
  return links.sort((a, b) => Number(b.global) - Number(a.global));
}

export function officialSite(c: Catalogue, i: number): string | null {
  return c.officialSite[i] ? safeUrl(c.officialSite[i]!) : null;
}
