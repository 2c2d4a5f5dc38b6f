/**
 * The evaluation split: users are divided 80/20 by a hash of their index; each test user's list
 * is divided 80/20 by a hash of (user, anime) into the input the model sees and the held-out part
 * it must find. Deterministic, independent of row order.
 */
import type { Ratings } from '$lib/data/shard-types';
import { hashPair } from '$lib/model/random';

export interface TestUser {
  user: number;
  /** Entry indices (into the shard's ratings) the model is given. */
  input: number[];
  /** Entry indices it must rank well. */
  heldOut: number[];
}

export interface EvaluationSplit {
  trainUsers: number[];
  testUsers: TestUser[];
}

export interface SplitOptions {
  testFraction: number;
  inputFraction: number;
  seed: number;
}

export const DEFAULT_SPLIT: SplitOptions = { testFraction: 0.2, inputFraction: 0.8, seed: 2026 };

const unit = (hash: number) => hash / 2 ** 32;

export function splitUsers(
  ratings: Ratings,
  options: SplitOptions = DEFAULT_SPLIT,
): EvaluationSplit {
  const trainUsers: number[] = [];
  const testUsers: TestUser[] = [];
  for (let u = 0; u < ratings.userCount; u++) {
    if (unit(hashPair(u, 0x5eed, options.seed)) >= options.testFraction) {
      trainUsers.push(u);
      continue;
    }
    const input: number[] = [];
    const heldOut: number[] = [];
    for (let e = ratings.rowPtr[u]!; e < ratings.rowPtr[u + 1]!; e++) {
      const inInput =
        unit(hashPair(u, ratings.anime[e]!, options.seed + 1)) < options.inputFraction;
      (inInput ? input : heldOut).push(e);
    }
    testUsers.push({ user: u, input, heldOut });
  }
  return { trainUsers, testUsers };
}
