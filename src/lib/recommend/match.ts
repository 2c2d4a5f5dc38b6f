/**
 * How strong a match a recommendation is, in words a card can show instead of raw scores: by its
 * standing, its place among all the user's picks before filters (see standing.ts), which means
 * the same whatever the scale of the blend. The limits come from how often held-out users' own
 * later likes stood there (`npm run lab -- calibrate-match`).
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
 * The last standing of each level, from `npm run lab -- calibrate-match` on 2026-12-07 (568
 * held-out users, 48 cards each; the table is in docs/evaluation.md): "Strong match" while the
 * monotone fit of the hit rate is at least twice the average card's (23.5%), "Good match" while
 * it is at least the average. Strong cards were held-out likes 57.7% of the time, good ones 34.7%,
 * the rest 16.2%; after the fine-tune 62.5 / 40.5 / 20.3%, without a model 45.2 / 29.2 / 15.1%.
 */
export const MATCH_STANDING = { strong: 4, good: 14 } as const;

/** The label of a card at `standing` (1 = the user's best pick). */
export function matchOf(
  standing: number,
  limits: { strong: number; good: number } = MATCH_STANDING,
): Match {
  if (standing <= limits.strong) return { level: 'strong', label: 'Strong match', steps: 3 };
  if (standing <= limits.good) return { level: 'good', label: 'Good match', steps: 2 };
  return { level: 'fair', label: 'Worth a look', steps: 1 };
}
