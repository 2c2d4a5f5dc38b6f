/** The stored list as the recommenders see it: catalogue indices with score, status and feedback. */
import { Status } from '$lib/data/shard-types';
import { Feedback, feedbackOf } from '$lib/model/interactions';
import { statusCode, type ListEntry } from './list-entry';
import { findEntry, type CatalogueLookup } from './match';
import { opinions } from './opinions';

/** In `statusByAnime`: on the list, but the source gave no status. */
export const LISTED_WITHOUT_STATUS = 7;

export interface UserItems {
  /** Catalogue indices of the matched entries (each anime once). */
  items: Uint32Array;
  scores: Uint8Array;
  statuses: Uint8Array;
  feedback: Uint8Array;
  positives: number;
  /** Per catalogue anime: 0 = not on the list, else its status code. */
  statusByAnime: Uint8Array;
  /** Per catalogue anime: 1 when the user has seen at least part of it (on the list, not planned). */
  seenByAnime: Uint8Array;
  /** Per catalogue anime: liked, disliked, seen otherwise, or none (see `opinions`). */
  opinion: Uint8Array;
}

export function userItems(
  entries: ListEntry[],
  lookup: CatalogueLookup,
  catalogueSize: number,
): UserItems {
  const listed = new Uint8Array(catalogueSize);
  const items: number[] = [];
  const scores: number[] = [];
  const statuses: number[] = [];
  for (const entry of entries) {
    const index = findEntry(lookup, entry);
    if (index < 0 || listed[index]) continue;
    listed[index] = 1;
    items.push(index);
    scores.push(entry.score);
    statuses.push(statusCode(entry.status));
  }
  return listItems(items, scores, statuses, catalogueSize);
}

/**
 * The one rule for what a list says, from parallel arrays (each anime once): seen is on the list
 * and not planned; liked, disliked and neutral follow `feedbackOf` and `opinions`. The app's
 * library and the evaluation's held-out lists both come through here.
 */
export function listItems(
  items: ArrayLike<number>,
  scores: ArrayLike<number>,
  statuses: ArrayLike<number>,
  catalogueSize: number,
): UserItems {
  const statusByAnime = new Uint8Array(catalogueSize);
  const seenByAnime = new Uint8Array(catalogueSize);
  const feedback = new Uint8Array(items.length);
  for (let k = 0; k < items.length; k++) {
    const status = statuses[k]!;
    statusByAnime[items[k]!] = status || LISTED_WITHOUT_STATUS;
    if (status !== Status.planToWatch) seenByAnime[items[k]!] = 1;
    feedback[k] = feedbackOf(scores[k]!, status);
  }
  return {
    items: Uint32Array.from(items),
    scores: Uint8Array.from(scores),
    statuses: Uint8Array.from(statuses),
    feedback,
    positives: feedback.filter((f) => f === Feedback.positive).length,
    statusByAnime,
    seenByAnime,
    opinion: opinions(items, feedback, statuses, catalogueSize),
  };
}
