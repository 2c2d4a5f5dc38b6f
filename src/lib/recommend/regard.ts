/**
 * How the user regards a title they have seen, in the words a reason uses: "loved" only for their
 * own top scores, "liked" for their other scores, "watched" for what they left unscored.
 */
export type Regard = 'loved' | 'liked' | 'watched';

/** "Loved" needs at least this score, whoever gives it: a 7 is never "loved". */
const LOVED_AT_LEAST = 8;

/**
 * The score from which the user's titles count as loved: the lowest score of their top quarter,
 * between 8 and 10 (a user who gives most titles a 10 loves only the 10s; one whose top quarter
 * starts at 8 loves their 8s).
 */
export function lovedFrom(scores: ArrayLike<number>): number {
  const scored = Array.from(scores)
    .filter((s) => s > 0)
    .sort((a, b) => b - a);
  if (scored.length === 0) return 10;
  const top = scored[Math.max(0, Math.ceil(scored.length / 4) - 1)]!;
  return Math.min(10, Math.max(LOVED_AT_LEAST, top));
}

export function regardOf(score: number, loved: number): Regard {
  if (score <= 0) return 'watched';
  return score >= loved ? 'loved' : 'liked';
}

/** "Because you loved A and liked B": the titles grouped by regard, strongest first. */
export function becauseText(named: { title: string; regard: Regard }[]): string {
  const phrases = (['loved', 'liked', 'watched'] as const).flatMap((regard) => {
    const titles = named.filter((n) => n.regard === regard).map((n) => n.title);
    return titles.length ? [`${regard} ${titles.join(' and ')}`] : [];
  });
  return phrases.length ? `Because you ${phrases.join(' and ')}` : '';
}

/** "Follows X, which you loved" (or liked, or watched). */
export function followsText(title: string, regard: Regard): string {
  return `Follows ${title}, which you ${regard}`;
}
