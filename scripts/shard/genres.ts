/**
 * MAL's labels changed over the years: before 2022 "genres" mixed genres, themes and
 * demographics. Labels are mapped to today's names and split into genres and themes.
 */
const GENRES = [
  'Action',
  'Adventure',
  'Avant Garde',
  'Award Winning',
  'Boys Love',
  'Comedy',
  'Drama',
  'Ecchi',
  'Erotica',
  'Fantasy',
  'Girls Love',
  'Gourmet',
  'Hentai',
  'Horror',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Slice of Life',
  'Sports',
  'Supernatural',
  'Suspense',
];

const RENAMED: Record<string, string> = {
  dementia: 'Avant Garde',
  thriller: 'Suspense',
  'shounen ai': 'Boys Love',
  'shoujo ai': 'Girls Love',
  yaoi: 'Boys Love',
  yuri: 'Girls Love',
};

const GENRE_BY_LOWER = new Map(GENRES.map((g) => [g.toLowerCase(), g]));

/** Title-cases a label the way MAL writes them ("slice of life" → "Slice of Life"). */
export function canonicalLabel(label: string): string {
  const lower = label.trim().toLowerCase();
  const known = RENAMED[lower] ?? GENRE_BY_LOWER.get(lower);
  if (known) return known;
  return lower.replace(/(^|[\s-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
}

export function isGenre(canonical: string): boolean {
  return GENRE_BY_LOWER.has(canonical.toLowerCase());
}

/** Splits mixed labels into (genres, themes), canonical and without duplicates. */
export function splitTags(tags: string[]): { genres: string[]; themes: string[] } {
  const genres = new Set<string>();
  const themes = new Set<string>();
  for (const tag of tags) {
    const label = canonicalLabel(tag);
    if (label && label !== 'Unknown') (isGenre(label) ? genres : themes).add(label);
  }
  return { genres: [...genres], themes: [...themes] };
}
