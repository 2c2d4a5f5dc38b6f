/**
 * The franchise measures of the harness, written once: each anime's franchise group (for
 * new-franchise recall) and the dropped-franchise metric's flags (the anime of a top 20 that
 * continue a franchise the input dropped or disliked; the app's rules leave none).
 */
import type { Catalogue } from '$lib/data/shard-types';
import { opinions } from '$lib/library/opinions';
import { continuesDisliked, groupFranchises, type Franchises } from '$lib/recommend/franchise';
import type { TestListInput } from './evaluate';

export interface FranchiseMeasures {
  /** `evaluateRankers`' `franchise`: the franchise group of each anime. */
  franchise: Int32Array;
  /** `evaluateRankers`' `dropped`: per anime, 1 when it continues what this input dropped. */
  dropped: (input: TestListInput) => Uint8Array;
}

/** The dropped-franchise flags of one input: what the input says of each anime, then the rule. */
export function droppedFranchiseFlags(
  franchises: Franchises,
  input: TestListInput,
  catalogueSize: number,
): Uint8Array {
  return continuesDisliked(
    franchises,
    opinions(input.items, input.feedback, input.status, catalogueSize),
  );
}

export function franchiseMeasures(
  catalogue: Catalogue,
  franchises: Franchises = groupFranchises(catalogue),
): FranchiseMeasures {
  return {
    franchise: franchises.group,
    dropped: (input) => droppedFranchiseFlags(franchises, input, catalogue.size),
  };
}
