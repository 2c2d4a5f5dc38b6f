/** What one metadata table says about one anime, normalised; fields it lacks stay undefined. */
export interface AnimeFacts {
  title?: string;
  titleEnglish?: string;
  titleJapanese?: string;
  synonyms?: string[];
  type?: string;
  episodes?: number;
  year?: number;
  /** 1 Winter … 4 Fall. */
  season?: number;
  /** MAL mean score, 0–10. */
  score?: number;
  members?: number;
  /** MAL genre labels of any era: genres, themes and demographics mixed. */
  tags?: string[];
  studios?: string[];
  source?: string;
  /** Short code: G, PG, PG-13, R, R+, Rx. */
  ageRating?: string;
  synopsis?: string;
}

const MISSING = new Set(['', 'unknown', 'none', 'n/a', 'not available', '?', 'add some']);

/** Trims and drops the placeholders the tables use for "unknown". */
export function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed && !MISSING.has(trimmed.toLowerCase()) ? decodeEntities(trimmed) : undefined;
}

export function positiveNumber(value: string | undefined): number | undefined {
  const n = Number(text(value));
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

export function list(value: string | undefined, separator: string | RegExp): string[] | undefined {
  const items = (value ?? '')
    .split(separator)
    .map((item) => text(item))
    .filter((item): item is string => item !== undefined);
  return items.length ? items : undefined;
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };

/** The 2017 table spells quotes as `&#039;` and similar. */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n =
        code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : Number(code.slice(1));
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : whole;
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

const SEASON_NAMES = ['winter', 'spring', 'summer', 'fall'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "Spring 2009" / "spring 2009" → season and year. */
export function parsePremiere(value: string | undefined): Pick<AnimeFacts, 'year' | 'season'> {
  const match = /^\s*(winter|spring|summer|fall)\s+(\d{4})\s*$/i.exec(value ?? '');
  if (!match) return {};
  return { season: SEASON_NAMES.indexOf(match[1]!.toLowerCase()) + 1, year: Number(match[2]) };
}

/** "2012-10-25", "Apr 3, 1998 to Apr 24, 1999", "2012" → year, and season when the month is known. */
export function parseAired(value: string | undefined): Pick<AnimeFacts, 'year' | 'season'> {
  const iso = /^\s*(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(value ?? '');
  // "2023-01-01" is how the 2022 table writes a year announced without a date (Jujutsu Kaisen
  // season 2, which began in July 2023): a year, not a January premiere.
  if (iso && iso[2] === '01' && iso[3] === '01') return withMonth(Number(iso[1]), 0);
  if (iso) return withMonth(Number(iso[1]), Number(iso[2]));
  const start = (value ?? '').split(/\s+to\s+/i)[0] ?? '';
  const year = /\b(19\d{2}|20\d{2})\b/.exec(start);
  if (!year) return {};
  const month = MONTHS.indexOf(start.trim().slice(0, 3).toLowerCase()) + 1;
  return withMonth(Number(year[1]), month);
}

function withMonth(year: number, month: number): Pick<AnimeFacts, 'year' | 'season'> {
  if (year < 1900) return {};
  return month >= 1 && month <= 12 ? { year, season: Math.floor((month - 1) / 3) + 1 } : { year };
}

/** "PG-13 - Teens 13 or older" → "PG-13"; "Rx - Hentai" → "Rx". */
export function ageRatingCode(value: string | undefined): string | undefined {
  const code = text(value)?.split(' - ')[0]?.trim();
  return code && /^(G|PG|PG-13|R|R\+|Rx)$/.test(code) ? code : undefined;
}

const SYNOPSIS_PLACEHOLDER = /^(no synopsis|no description available)/i;

export function synopsisText(value: string | undefined): string | undefined {
  const cleaned = text(value)
    ?.replace(/\s*\[Written by MAL Rewrite\]\s*$/i, '')
    .trim();
  return cleaned && !SYNOPSIS_PLACEHOLDER.test(cleaned) ? cleaned : undefined;
}
