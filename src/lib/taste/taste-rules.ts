/**
 * The rules Your taste counts by, shared by the user's side (taste-profile.ts) and the dataset's
 * average fan (average-fan.ts), so the two sides of every chart are measured alike.
 */
import { Status, type MultiColumn } from '$lib/data/shard-types';

/** A title counts when it was seen at least in part: any status but plan to watch. */
export function countsAsSeen(status: number): boolean {
  return status !== Status.planToWatch;
}

/** Upper bounds of the members buckets; the last bucket is everything from 1M up. */
export const MEMBER_BOUNDS = [25_000, 100_000, 500_000, 1_000_000] as const;
export const MEMBER_BUCKET_LABELS = [
  'under 25k',
  '25k–100k',
  '100k–500k',
  '500k–1M',
  '1M or more',
] as const;

/** The bucket of a members count (known counts only: 0 means unknown). */
export function memberBucket(members: number): number {
  const k = MEMBER_BOUNDS.findIndex((bound) => members < bound);
  return k < 0 ? MEMBER_BOUNDS.length : k;
}

/** Adds 1 to `into[label]` for each label of each of `items` in a multi-valued column. */
export function addLabelCounts(
  column: MultiColumn,
  items: ArrayLike<number>,
  into: Float64Array,
): Float64Array {
  for (let k = 0; k < items.length; k++) {
    const i = items[k]!;
    for (let v = column.offsets[i]!; v < column.offsets[i + 1]!; v++) {
      bump(into, column.values[v]!);
    }
  }
  return into;
}

/** Adds `by` to counts[k]. */
export function bump(counts: number[] | Float64Array, k: number, by = 1): void {
  counts[k] = counts[k]! + by;
}

/** The median of a list of numbers (0 for none); sorts a copy. */
export function median(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** MAL's mean score of catalogue entry i on 1–10, or 0 when unknown (stored times 100). */
export function malMean(score: Uint16Array, i: number): number {
  return score[i]! / 100;
}
