/**
 * How strong a match a recommendation is, in words a card can show instead of raw scores.
 * The thresholds read the blended score (`Ranked.score` at the default controls); they are set
 * from how often held-out users' own later likes had such a score (`npm run lab -- calibrate-match`).
 */

export type MatchLevel = 'strong' | 'good' | 'fair';

export interface Match {
  level: MatchLevel;
  /** "Strong match", "Good match", "Worth a look". */
  label: string;
  /** 1 to 3 filled steps of a small bar. */
  steps: 1 | 2 | 3;
}

/**
 * Lowest blended scores of each level, from `npm run lab -- calibrate-match` (568 held-out users, 48
 * cards each): the hit rate of shown cards (one of the user's held-out likes), fitted as a
 * non-decreasing function of the score, reaches twice the average card's (47.0%) at 13.56 and
 * the average (23.5%) at 8.29; rounded up to 0.1. Then 4.4% of cards read "Strong match" (54%
 * hits), 26.9% "Good match" (32%), 68.7% "Worth a look" (18%); over resamples of the users the
 * thresholds stay within 13.4–15.1 and 7.9–8.8 (shard 36547f6415d6). The scores are z-scores over
 * the catalogue: rerun the command after the shard, the model or the blend changes.
 */
export const MATCH_THRESHOLDS = { strong: 13.6, good: 8.3 } as const;

/** The label of a blended score; a score on a threshold takes the higher level. */
export function matchOf(
  score: number,
  thresholds: { strong: number; good: number } = MATCH_THRESHOLDS,
): Match {
  if (score >= thresholds.strong) return { level: 'strong', label: 'Strong match', steps: 3 };
  if (score >= thresholds.good) return { level: 'good', label: 'Good match', steps: 2 };
  return { level: 'fair', label: 'Worth a look', steps: 1 };
}
