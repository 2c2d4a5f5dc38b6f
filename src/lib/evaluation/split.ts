/**
 * The evaluation split: users are divided 80/20 by a hash of their index; each test user's list
 * is divided 80/20 by a hash of (user, anime) into the input the model sees and the held-out part
 * it must find. Deterministic, independent of row order.
 */
import type { Ratings } from '$lib/data/shard-types';
import { Feedback, feedbackOf } from '$lib/model/interactions';
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

/**
 * The split with each test user's input cut to `size` rated entries (a score, or a watched or
 * dropped status), picked by a hash: a new user who has rated a handful of titles. Users with
 * fewer are left out.
 */
export function coldStartSplit(
  ratings: Ratings,
  split: EvaluationSplit,
  size: number,
): EvaluationSplit {
  const testUsers = split.testUsers
    .map((user) => {
      const rated = user.input
        .filter((e) => feedbackOf(ratings.score[e]!, ratings.status[e]!) !== Feedback.neutral)
        .sort((a, b) => hashPair(user.user, a, size) - hashPair(user.user, b, size));
      return { ...user, input: rated.slice(0, size) };
    })
    .filter((user) => user.input.length === size);
  return { ...split, testUsers };
}
