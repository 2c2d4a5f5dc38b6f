/**
 * The arithmetic of `npm run lab -- calibrate-match`: hit rates of shown cards, a monotone fit of
 * hit rate against a score (the negated standing), and the limits the match label reads from it.
 * Pure, so the rule is tested apart from the shard.
 */
import { seededRandom } from '$lib/model/random';

/** One shown card: its blended score, whether it was a held-out like, its place on the page. */
export interface ShownCard {
  score: number;
  hit: boolean;
  /** 1 = the first card. */
  position: number;
}

export function hitRate(cards: ShownCard[]): number {
  return cards.length ? cards.filter((c) => c.hit).length / cards.length : 0;
}

/**
 * Isotonic regression of hit (0/1) on score (pool adjacent violators): the hit rate as a
 * non-decreasing step function of the score. Returns its steps, lowest score first, each with
 * the lowest score it covers and its pooled hit rate.
 */
export function isotonicSteps(cards: ShownCard[]): { from: number; rate: number; cards: number }[] {
  const sorted = [...cards].sort((a, b) => a.score - b.score);
  // Cards of equal score form one block before any pooling: a threshold cannot split them, and
  // the first card of a score alone must not decide whether its block pools with the one below.
  type Step = { from: number; top: number; hits: number; cards: number };
  const blocks: Step[] = [];
  for (const card of sorted) {
    const last = blocks.at(-1);
    if (last && last.top === card.score) {
      last.hits += Number(card.hit);
      last.cards++;
    } else blocks.push({ from: card.score, top: card.score, hits: Number(card.hit), cards: 1 });
  }
  const steps: Step[] = [];
  for (const block of blocks) {
    steps.push(block);
    while (steps.length > 1) {
      const top = steps.at(-1)!;
      const below = steps.at(-2)!;
      if (below.hits / below.cards < top.hits / top.cards) break;
      below.hits += top.hits;
      below.cards += top.cards;
      below.top = top.top;
      steps.pop();
    }
  }
  return steps.map((s) => ({ from: s.from, rate: s.hits / s.cards, cards: s.cards }));
}

/**
 * The lowest score from which the monotone hit rate reaches `target`: every card at or above it
 * is, by the fit, at least that likely to be a held-out like. +∞ when no score reaches it.
 */
export function thresholdFor(steps: { from: number; rate: number }[], target: number): number {
  return steps.find((s) => s.rate >= target)?.from ?? Infinity;
}

export interface Thresholds {
  /** Hit rate of all shown cards. */
  average: number;
  /** Lowest score from which the monotone hit rate reaches twice the average. */
  strong: number;
  /** Lowest score from which it reaches the average. */
  good: number;
}

/** The rule of `npm run lab -- calibrate-match`, unrounded. */
export function matchThresholds(cards: ShownCard[]): Thresholds {
  const average = hitRate(cards);
  const steps = isotonicSteps(cards);
  return {
    average,
    strong: thresholdFor(steps, 2 * average),
    good: thresholdFor(steps, average),
  };
}

/**
 * The rule on `rounds` resamples of the users (pages drawn with replacement, seeded): how much
 * the thresholds move with who was held out. The 5th, 50th and 95th percentiles of each.
 */
export function bootstrapThresholds(
  pages: ShownCard[][],
  rounds: number,
  seed = 1,
): { strong: number[]; good: number[] } {
  const random = seededRandom(seed);
  const strong: number[] = [];
  const good: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const sample = pages.map(() => pages[Math.floor(random() * pages.length)]!);
    const t = matchThresholds(sample.flat());
    strong.push(t.strong);
    good.push(t.good);
  }
  const percentiles = (values: number[]) => {
    const sorted = values.sort((a, b) => a - b);
    return [0.05, 0.5, 0.95].map((q) => sorted[Math.round(q * (sorted.length - 1))]!);
  };
  return { strong: percentiles(strong), good: percentiles(good) };
}

export interface LevelSummary {
  level: string;
  cards: number;
  share: number;
  hitRate: number;
  /** Share of users whose page of cards has at least one of this level. */
  usersWithOne: number;
}

/** How the cards of each user's page fall into levels at these thresholds. */
export function levelSummary(
  pages: ShownCard[][],
  levels: { level: string; from: number }[],
): LevelSummary[] {
  const all = pages.flat();
  const levelOf = (score: number) => levels.findIndex((l) => score >= l.from);
  return levels.map(({ level }, k) => {
    const mine = all.filter((c) => levelOf(c.score) === k);
    const users = pages.filter((page) => page.some((c) => levelOf(c.score) === k)).length;
    return {
      level,
      cards: mine.length,
      share: mine.length / Math.max(1, all.length),
      hitRate: hitRate(mine),
      usersWithOne: users / Math.max(1, pages.length),
    };
  });
}

/**
 * The cards with their standing as the score, negated (the first card scores −1): the hit rate
 * falls with the standing, so the same monotone fit and thresholds apply to it.
 */
export function byStanding(pages: ShownCard[][]): ShownCard[][] {
  return pages.map((page) => page.map((card) => ({ ...card, score: -card.position })));
}

/** The rule on standings: "Strong match" up to `strong`, "Good match" up to `good` (inclusive). */
export function standingThresholds(pages: ShownCard[][]): {
  average: number;
  strong: number;
  good: number;
} {
  const t = matchThresholds(byStanding(pages).flat());
  const last = (threshold: number) => (threshold === Infinity ? 0 : Math.floor(-threshold));
  return { average: t.average, strong: last(t.strong), good: last(t.good) };
}
