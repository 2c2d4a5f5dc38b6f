import { describe, expect, it } from 'vitest';
import { makeTestShard } from '$fixtures/test-shard';
import { linkUrl, officialSite, safeUrl, siteLabel, watchLinks } from './watch-links';

const site = {
  key: 'unext',
  name: 'U-NEXT',
  regions: ['JP'],
  urlTemplate: 'https://video.unext.jp/title/{{id}}',
};

describe('where to watch', () => {
  it('builds each link from the site pattern, or takes a given URL', () => {
    const c = makeTestShard().catalogue;
    expect(watchLinks(c, 0)).toEqual([
      { label: 'Netflix', url: 'https://www.netflix.com/title/70204970', global: true },
      { label: 'Crunchyroll', url: 'https://www.crunchyroll.com/series/GRGG9798R/', global: true },
    ]);
    expect(watchLinks(c, 1)).toEqual([]);
    expect(watchLinks(c, 2)[0]!.url).toBe(
      'https://www.crunchyroll.com/series/GR751KNZY/attack-on-titan',
    );
    expect(officialSite(c, 0)).toBe('https://www.hagaren.jp/');
    expect(officialSite(c, 1)).toBeNull();
  });

  it('lists a page two sites share once', () => {
    const c = makeTestShard().catalogue;
    c.watch.ids = ['70204970', '70204970', 'x'];
    c.watch.site = Uint8Array.from([0, 0, 1]);
    expect(watchLinks(c, 0).map((l) => l.url)).toEqual(['https://www.netflix.com/title/70204970']);
  });

  it('names regional sites with their regions and never links other schemes', () => {
    expect(siteLabel(site)).toBe('U-NEXT (JP)');
    expect(linkUrl(site, 'SID0091754')).toBe('https://video.unext.jp/title/SID0091754');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
    expect(linkUrl({ ...site, urlTemplate: 'javascript:{{id}}' }, 'x')).toBeNull();
  });
});
