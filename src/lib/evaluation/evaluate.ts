/** The evaluation harness: any ranker, the same split, full ranking of the catalogue. */
import { Status, type Ratings } from '$lib/data/shard-types';
import { Feedback, feedbackOf } from '$lib/model/interactions';
import { ndcgAtK, recallAtK, topK } from './metrics';
import type { EvaluationSplit, TestUser } from './split';

export interface Ranker {
  name: string;
  /**
   * A score per catalogue anime for this user, from their input entries only (`user` says which
   * test user it is, for rankers that read rankings made elsewhere).
   */
  scores(input: TestListInput, user: TestUser): Float32Array;
}

/** What a ranker may see of a test user: the input part of their list. */
export interface TestListInput {
  items: Uint32Array;
  scores: Uint8Array;
  feedback: Uint8Array;
  /** MAL status codes (0 = none given). */
  status: Uint8Array;
}

export interface RankingResult {
  name: string;
  recall: number;
  ndcg: number;
  users: number;
  msPerUser: number;
  /**
   * Recall@k of the held-out likes from franchises the input has no entry of (when franchise
   * groups were given): how well it finds what is new to the user, not the next season.
   */
  discovery?: number;
  /** Mean number of the top k that continue a franchise the input dropped or disliked. */
  droppedPicks?: number;
}

export function inputOf(ratings: Ratings, user: TestUser): TestListInput {
  const items = Uint32Array.from(user.input, (e) => ratings.anime[e]!);
  const scores = Uint8Array.from(user.input, (e) => ratings.score[e]!);
  const feedback = Uint8Array.from(user.input, (e) =>
    feedbackOf(ratings.score[e]!, ratings.status[e]!),
  );
  const status = Uint8Array.from(user.input, (e) => ratings.status[e]!);
  return { items, scores, feedback, status };
}

export function evaluateRanker(
  ratings: Ratings,
  catalogueSize: number,
  split: EvaluationSplit,
  ranker: Ranker,
  k = 20,
): RankingResult {
  return evaluateRankers(ratings, catalogueSize, split, [ranker], k)[0]!;
}

/**
 * Several rankers over the same users, user by user: each ranker sees the same input object
 * for a user in turn, so rankers can share work (memoise on the input). With `franchise` (the
 * group of each anime), discovery recall too.
 */
export function evaluateRankers(
  ratings: Ratings,
  catalogueSize: number,
  split: EvaluationSplit,
  rankers: Ranker[],
  k = 20,
  franchise?: Int32Array,
  /** Per anime, 1 when it continues a franchise this input dropped or disliked. */
  dropped?: (input: TestListInput) => Uint8Array,
): RankingResult[] {
  const totals = rankers.map(() => ({ recall: 0, ndcg: 0, ms: 0, discovery: 0, dropped: 0 }));
  let users = 0;
  let discoveryUsers = 0;
  const excluded = new Uint8Array(catalogueSize);
  for (const user of split.testUsers) {
    const relevant = new Set<number>();
    for (const e of user.heldOut) {
      if (feedbackOf(ratings.score[e]!, ratings.status[e]!) === Feedback.positive) {
        relevant.add(ratings.anime[e]!);
      }
    }
    if (relevant.size === 0 || user.input.length === 0) continue;
    const input = inputOf(ratings, user);
    for (const item of input.items) excluded[item] = 1;
    const fresh = franchise ? newFranchises(relevant, input, franchise) : new Set<number>();
    const droppedFlags = dropped?.(input);
    if (fresh.size) discoveryUsers++;
    rankers.forEach((ranker, r) => {
      const started = performance.now();
      const ranked = topK(ranker.scores(input, user), k, excluded);
      totals[r]!.ms += performance.now() - started;
      totals[r]!.recall += recallAtK(ranked, relevant, k);
      totals[r]!.ndcg += ndcgAtK(ranked, relevant, k);
      totals[r]!.discovery += recallAtK(ranked, fresh, k);
      if (droppedFlags) for (const i of ranked) totals[r]!.dropped += droppedFlags[i]!;
    });
    for (const item of input.items) excluded[item] = 0;
    users++;
  }
  const n = Math.max(1, users);
  return rankers.map((ranker, r) => ({
    name: ranker.name,
    recall: totals[r]!.recall / n,
    ndcg: totals[r]!.ndcg / n,
    users,
    msPerUser: totals[r]!.ms / n,
    ...(franchise && { discovery: totals[r]!.discovery / Math.max(1, discoveryUsers) }),
    ...(dropped && { droppedPicks: totals[r]!.dropped / n }),
  }));
}

/** The relevant anime whose franchise the input has not started (planning one does not count). */
function newFranchises(
  relevant: Set<number>,
  input: TestListInput,
  franchise: Int32Array,
): Set<number> {
  const started = new Set<number>();
  input.items.forEach((i, k) => {
    if (input.status[k] !== Status.planToWatch) started.add(franchise[i]!);
  });
  return new Set([...relevant].filter((i) => !started.has(franchise[i]!)));
}
