/** Small list files written for the tests, in each format Tsugi reads (no real data). */
export interface TestAnime {
  id: number | string;
  title?: string;
  score?: number | string;
  status?: string;
  watched?: number;
}

/** CDATA cannot hold "]]>": it is split across two sections. */
const cdata = (text: string) => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

const entryXml = (a: TestAnime, extra = '') =>
  [
    '\t<anime>',
    `\t\t<series_animedb_id>${a.id}</series_animedb_id>`,
    a.title === undefined ? '' : `\t\t<series_title>${cdata(a.title)}</series_title>`,
    `\t\t<my_watched_episodes>${a.watched ?? 0}</my_watched_episodes>`,
    '\t\t<my_start_date>2020-01-05</my_start_date>',
    '\t\t<my_finish_date>0000-00-00</my_finish_date>',
    a.score === undefined ? '' : `\t\t<my_score>${a.score}</my_score>`,
    extra,
    `\t\t<my_status>${a.status ?? 'Completed'}</my_status>`,
    '\t\t<update_on_import>0</update_on_import>',
    '\t</anime>',
  ]
    .filter(Boolean)
    .join('\n');

export function malXml(anime: TestAnime[], exportType = 1, header = 'Version 1.1.0'): string {
  return `<?xml version="1.0" encoding="UTF-8" ?>
<!--
 Created by XML Export feature at MyAnimeList.net
 ${header}
-->
<myanimelist>
\t<myinfo>
\t\t<user_id>42</user_id>
\t\t<user_name>tester</user_name>
\t\t<user_export_type>${exportType}</user_export_type>
\t\t<user_total_anime>${anime.length}</user_total_anime>
\t</myinfo>
${anime.map((a) => entryXml(a, header.includes('2008') ? '\t\t<my_dvd></my_dvd>' : '')).join('\n')}
</myanimelist>
`;
}

/** Kitsu's MAL-style XML: no titles, "On Hold", no my_score when unrated, manga mixed in. */
export function kitsuXml(anime: TestAnime[], manga = 0): string {
  const mangaXml = Array.from(
    { length: manga },
    (_, k) => `\t<manga>
\t\t<manga_mangadb_id>${k + 1}</manga_mangadb_id>
\t\t<my_read_volumes>3</my_read_volumes>
\t\t<my_status>Reading</my_status>
\t</manga>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<myanimelist>
\t<myinfo><user_export_type>1</user_export_type></myinfo>
${anime.map((a) => entryXml({ ...a, title: undefined })).join('\n')}
${mangaXml.join('\n')}
</myanimelist>
`;
}

export async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
