/**
 * AniList's account data download (`gdpr_data.json`). Its list entries name anime by AniList id
 * with a 0–100 score; ids are mapped to MAL ids through a table passed in (the worker loads
 * @kawaiioverflow/arm for it). Entries without a MAL id are kept, named by their AniList id.
 */
import { ImportError } from './import-error';
import { idFromJson, quoted, rawText } from './row-values';
import type { InvalidRow, ListEntry, ListStatus, ParsedList } from '../library/list-entry';

/** AniList's numeric list statuses in its data download. */
const ANILIST_STATUS: Record<number, ListStatus> = {
  0: 'watching',
  1: 'plan_to_watch',
  2: 'completed',
  3: 'dropped',
  4: 'on_hold',
  5: 'watching', // repeating
};

/** AniList's series_type: 0 anime, 1 manga. */
const ANIME = 0;
const MANGA = 1;

/** Whether parsed JSON looks like AniList's data download. */
export function isAniListData(data: unknown): data is { lists: unknown[]; user?: unknown } {
  return (
    typeof data === 'object' && data !== null && Array.isArray((data as { lists?: unknown }).lists)
  );
}

/** 20240131 → 2024-01-31; 0 or anything else → ''. */
function aniListDate(value: unknown): string {
  const text = rawText(value);
  return /^\d{8}$/.test(text) && text !== '00000000'
    ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`
    : '';
}

/** A number from a JSON number or numeric string; absent is `absent`, anything else NaN. */
function numberOf(value: unknown, absent: number): number {
  if (value === undefined || value === null || value === '') return absent;
  if (typeof value === 'number') return value;
  return typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // Engines word this differently; where it broke is all the user can use.
    const message = error instanceof Error ? error.message : '';
    const at = /at position (\d+)/.exec(message);
    const line = at
      ? text.slice(0, Number(at[1])).split('\n').length
      : /line (\d+)/.exec(message)?.[1];
    const what = /end of (JSON )?(input|data)|EOF/i.test(message)
      ? 'is malformed and ends too early, as if cut short'
      : `is malformed${line ? ` near line ${line}` : ''}`;
    throw new ImportError(`This JSON file ${what}: download your AniList data again.`, {
      cause: error,
    });
  }
}

export function parseAniListJson(text: string, malIdOf: Map<number, number>): ParsedList {
  const data = parseJson(text);
  if (!isAniListData(data))
    throw new ImportError(
      'This JSON file is not AniList\'s account data (gdpr_data.json) because it has no "lists": ' +
        'choose gdpr_data.json from the data you downloaded from AniList.',
    );
  const entries: ListEntry[] = [];
  const invalid: InvalidRow[] = [];
  let manga = 0;
  let unmapped = 0;
  data.lists.forEach((raw, k) => {
    if (isObject(raw) && raw.series_type === MANGA) return manga++;
    const fields = isObject(raw)
      ? Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, rawText(value)]))
      : { value: rawText(raw) };
    const entry = entryOf(raw, malIdOf);
    if (typeof entry === 'string')
      return invalid.push({ where: `list entry ${k + 1}`, reason: entry, fields });
    if (entry.malId === null) unmapped++;
    entries.push({ ...entry, fields });
  });
  if (entries.length === 0 && invalid.length === 0)
    throw new ImportError(
      (manga > 0
        ? 'This AniList data has only manga on its lists, and Tsugi recommends anime'
        : 'The AniList data has no list entries, so the list is empty') +
        ': add anime to your lists on AniList, then download your data again.',
    );
  const notes: string[] = [];
  if (manga > 0) notes.push(`${manga} manga entries set aside (Tsugi recommends anime).`);
  if (unmapped > 0)
    notes.push(
      `${unmapped} AniList ids have no known MyAnimeList id (mapping: @kawaiioverflow/arm).`,
    );
  const user = isObject(data.user) ? data.user : null;
  return {
    format: 'anilist',
    user: user ? { id: rawText(user.id), name: rawText(user.display_name ?? user.name) } : null,
    entries,
    invalid,
    notes,
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An entry (its fields still to add), or why the list entry is not one. */
function entryOf(raw: unknown, malIdOf: Map<number, number>): Omit<ListEntry, 'fields'> | string {
  if (!isObject(raw)) return 'it is not a list entry';
  if (raw.series_type !== ANIME)
    return `its series_type ${quoted(rawText(raw.series_type))} is neither anime (0) nor manga (1)`;
  if (raw.series_id === undefined || raw.series_id === null) return 'it has no AniList id';
  const id = idFromJson(raw.series_id, 'AniList id');
  if (typeof id === 'string') return id;
  const score = numberOf(raw.score, 0);
  if (!Number.isFinite(score) || score < 0 || score > 100)
    return `the score ${quoted(rawText(raw.score))} is not from 0 to 100`;
  const status = ANILIST_STATUS[numberOf(raw.status, NaN)];
  if (!status) return `the status ${quoted(rawText(raw.status))} is not one AniList uses`;
  const mapped = malIdOf.get(id);
  const malId = Number.isSafeInteger(mapped) && mapped! > 0 ? mapped! : null;
  const progress = numberOf(raw.progress, 0);
  return {
    malId,
    title: malId === null ? `AniList id ${id}` : '',
    status,
    // 0–100 onto MAL's 1–10; a non-zero score never rounds down to "unscored".
    score: score === 0 ? 0 : Math.max(1, Math.round(score / 10)),
    watchedEpisodes: Number.isFinite(progress) && progress > 0 ? Math.floor(progress) : 0,
    startDate: aniListDate(raw.started_on),
    finishDate: aniListDate(raw.finished_on),
  };
}
