/**
 * One entry of a user's own list, in a form common to every import format. `fields` keeps every
 * field exactly as the file had it, so nothing the user exported is lost.
 */
import { Status, type StatusCode } from '$lib/data/shard-types';

export const LIST_STATUSES = [
  'watching',
  'completed',
  'on_hold',
  'dropped',
  'plan_to_watch',
] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

export interface ListEntry {
  /** MyAnimeList id; null when the source names the anime only by title (a CSV). */
  malId: number | null;
  /** The title as the file gives it ('' when the source has none, as Kitsu's XML). */
  title: string;
  /** '' when the source does not say. */
  status: ListStatus | '';
  /** 1–10, 0 = not scored. */
  score: number;
  watchedEpisodes: number;
  /** YYYY-MM-DD or ''. */
  startDate: string;
  finishDate: string;
  fields: Record<string, string>;
}

/** A row the parser could not turn into an entry, and why. */
export interface InvalidRow {
  /** Where it is: "entry 12" in XML, "line 7" in CSV. */
  where: string;
  reason: string;
  fields: Record<string, string>;
}

export type ListFormat = 'mal' | 'mal-2008' | 'kitsu' | 'anilist' | 'csv';

export const FORMAT_LABELS: Record<ListFormat, string> = {
  mal: 'MyAnimeList export',
  'mal-2008': 'MyAnimeList export (2008 format)',
  kitsu: 'Kitsu export (MAL-style XML)',
  anilist: 'AniList account data',
  csv: 'CSV list',
};

export interface ParsedList {
  format: ListFormat;
  /** The exporting account, when the file says. */
  user: { id: string; name: string } | null;
  entries: ListEntry[];
  invalid: InvalidRow[];
  /** Things read but set aside (manga entries in a Kitsu file), and repairs made (bare '&'). */
  notes: string[];
}

/** Status names as MAL, Kitsu, AniList and people spell them; MAL's numeric codes too. */
const STATUS_SPELLINGS: Record<string, ListStatus> = {
  watching: 'watching',
  current: 'watching',
  '1': 'watching',
  completed: 'completed',
  complete: 'completed',
  '2': 'completed',
  'on-hold': 'on_hold',
  'on hold': 'on_hold',
  on_hold: 'on_hold',
  onhold: 'on_hold',
  paused: 'on_hold',
  '3': 'on_hold',
  dropped: 'dropped',
  '4': 'dropped',
  'plan to watch': 'plan_to_watch',
  plan_to_watch: 'plan_to_watch',
  'plan-to-watch': 'plan_to_watch',
  planning: 'plan_to_watch',
  planned: 'plan_to_watch',
  '6': 'plan_to_watch',
};

/** The status a spelling means, '' for none given, or null when it is not a status at all. */
export function parseStatus(text: string): ListStatus | '' | null {
  const key = text.trim().toLowerCase();
  if (key === '' || key === '0') return '';
  return STATUS_SPELLINGS[key] ?? null;
}

/** MAL writes unknown dates as 0000-00-00; partly known ones as 2019-00-00. */
export function parseDate(text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  if (!match || match[1] === '0000') return '';
  return match[0];
}

const STATUS_CODES: Record<ListStatus | '', StatusCode> = {
  '': Status.unknown,
  watching: Status.watching,
  completed: Status.completed,
  on_hold: Status.onHold,
  dropped: Status.dropped,
  plan_to_watch: Status.planToWatch,
};

/** The shard's numeric status code of a list status. */
export function statusCode(status: ListStatus | ''): StatusCode {
  return STATUS_CODES[status];
}
