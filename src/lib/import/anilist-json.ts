/**
 * AniList's account data download (`gdpr_data.json`). Its list entries name anime by AniList id
 * with a 0–100 score; ids are mapped to MAL ids through a table passed in (the worker loads
 * @kawaiioverflow/arm for it). Entries without a MAL id are kept, named by their AniList id.
 */
import { ImportError } from './import-error';
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

interface AniListEntry {
  series_id?: unknown;
  series_type?: unknown;
  status?: unknown;
  score?: unknown;
  progress?: unknown;
  started_on?: unknown;
  finished_on?: unknown;
}

/** Whether parsed JSON looks like AniList's data download. */
export function isAniListData(data: unknown): data is { lists: AniListEntry[]; user?: unknown } {
  return (
    typeof data === 'object' && data !== null && Array.isArray((data as { lists?: unknown }).lists)
  );
}

/** 20240131 → 2024-01-31; 0 or anything else → ''. */
function aniListDate(value: unknown): string {
  const text = String(value ?? '');
  return /^\d{8}$/.test(text) && text !== '00000000'
    ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`
    : '';
}

export function parseAniListJson(text: string, malIdOf: Map<number, number>): ParsedList {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ImportError(
      `This JSON file is malformed (${error instanceof Error ? error.message : String(error)}). Download your AniList data again.`,
      { cause: error },
    );
  }
  if (!isAniListData(data))
    throw new ImportError(
      'This JSON file is not AniList\'s account data (gdpr_data.json): it has no "lists".',
    );
  const anime = data.lists.filter((e) => e && e.series_type === 0);
  if (anime.length === 0)
    throw new ImportError(
      data.lists.length > 0
        ? 'This AniList data has only manga on its lists. Tsugi recommends anime.'
        : 'The AniList data has no list entries: the list is empty.',
    );
  const entries: ListEntry[] = [];
  const invalid: InvalidRow[] = [];
  let unmapped = 0;
  anime.forEach((raw, k) => {
    const fields = Object.fromEntries(
      Object.entries(raw).map(([key, value]) => [key, String(value ?? '')]),
    );
    const id = Number(raw.series_id);
    const score = Number(raw.score ?? 0);
    const status = ANILIST_STATUS[Number(raw.status)];
    const where = `anime entry ${k + 1}`;
    if (!Number.isInteger(id) || id <= 0)
      return invalid.push({
        where,
        reason: `the AniList id "${fields.series_id}" is not a number`,
        fields,
      });
    if (!Number.isFinite(score) || score < 0 || score > 100)
      return invalid.push({
        where,
        reason: `the score "${fields.score}" is not from 0 to 100`,
        fields,
      });
    if (!status)
      return invalid.push({
        where,
        reason: `the status "${fields.status}" is not one AniList uses`,
        fields,
      });
    const malId = malIdOf.get(id) ?? null;
    if (malId === null) unmapped++;
    const progress = Number(raw.progress ?? 0);
    entries.push({
      malId,
      title: malId === null ? `AniList id ${id}` : '',
      status,
      // 0–100 onto MAL's 1–10; a non-zero score never rounds down to "unscored".
      score: score === 0 ? 0 : Math.max(1, Math.round(score / 10)),
      watchedEpisodes: Number.isFinite(progress) && progress > 0 ? Math.floor(progress) : 0,
      startDate: aniListDate(raw.started_on),
      finishDate: aniListDate(raw.finished_on),
      fields,
    });
  });
  const notes: string[] = [];
  const manga = data.lists.length - anime.length;
  if (manga > 0) notes.push(`${manga} manga entries set aside (Tsugi recommends anime).`);
  if (unmapped > 0)
    notes.push(
      `${unmapped} AniList ids have no known MyAnimeList id (mapping: @kawaiioverflow/arm).`,
    );
  const user = data.user as { id?: unknown; display_name?: unknown; name?: unknown } | undefined;
  return {
    format: 'anilist',
    user: user
      ? { id: String(user.id ?? ''), name: String(user.display_name ?? user.name ?? '') }
      : null,
    entries,
    invalid,
    notes,
  };
}
