/**
 * How list entries count as feedback.
 * - Positive: a score of 7 or more, or no score and the show was watched (completed, watching,
 *   or a source that only says "watched").
 * - Negative: dropped (whatever the score), or a score of 1–5: the user watched it and did not
 *   like it. Negatives are trained as label 0, alongside sampled unseen anime.
 * - Neutral: a score of 6, on hold or plan to watch without a score: on the list, but saying
 *   little about taste. Never recommended back, never used as a label.
 */
import { Status } from '$lib/data/status';

export const Feedback = { neutral: 0, positive: 1, negative: 2 } as const;
export type FeedbackKind = (typeof Feedback)[keyof typeof Feedback];

export function feedbackOf(score: number, status: number): FeedbackKind {
  if (status === Status.dropped) return Feedback.negative;
  if (score >= 7) return Feedback.positive;
  if (score >= 1 && score <= 5) return Feedback.negative;
  const watched = status === Status.completed || status === Status.watching;
  return score === 0 && watched ? Feedback.positive : Feedback.neutral;
}
