/**
 * One interface per signal: each per-anime score the recommendations blend is one module that
 * says its name, how it scores a list, what it adds to a pick's reasons and its share of the
 * blend by list size. `registry.ts` lists them; everything that lists signals reads it.
 */
import type { UserItems } from '$lib/library/user-items';
import type { Explanation } from '../explain';
import type { SignalContext, UserFit } from './context';

/** Points (list size, value), read piecewise linearly in between and flat beyond the ends. */
export type ListSizePoints = readonly (readonly [entries: number, value: number])[];

/** The model's own scores: the collaborative side's base, which takes what its parts leave. */
export interface ModelRole {
  role: 'model';
}

/** A share of the collaborative side beside the model's scores. */
export interface PartRole {
  role: 'part';
  /** Its share by the list's size (an absent signal gives its share back to the model). */
  byListSize: ListSizePoints;
  /** Without the model's scores, the collaborative side is such parts leaning on popularity. */
  withoutModel?: { weight: number; popularityPrior: number };
}

/** The other side of the blend: the page's content weight sets how much it counts. */
export interface ContentRole {
  role: 'content';
  /** The automatic content weight by the list's size. */
  byListSize: ListSizePoints;
  /** With no collaborative side at all, how much the content side leans on popularity. */
  popularityPrior: number;
}

export type BlendRole = ModelRole | PartRole | ContentRole;

/** One user, as a signal's reasons read them. */
export interface ExplainedUser {
  items: UserItems;
  /** The anime the user loved (their catalogue indices). */
  liked: ArrayLike<number>;
  fit: UserFit;
}

export interface Signal<
  K extends string = string,
  R extends BlendRole = BlendRole,
  S extends Float32Array | null = Float32Array | null,
> {
  /** Its field in the signals (`UserSignals[key]`). */
  key: K;
  /** How tables and labels name it. */
  label: string;
  blend: R;
  /** Its score of every anime for the list `items` (null where it has nothing to say). */
  scores(ctx: SignalContext, items: UserItems, fit: UserFit): S;
  /** The part of a pick's reasons it gives, every time (empty where it has none for this user). */
  explain?(ctx: SignalContext, user: ExplainedUser, index: number): Partial<Explanation>;
  /** Its row alone in `npm run evaluate`; `name` is null where the context lacks it. */
  evaluation: { name(ctx: SignalContext): string | null; withoutModel?: boolean };
}

/**
 * The value at `entries` of piecewise-linear points: a + (b − a) · t between two points (this
 * order of operations is the blend's, so its figures stay as measured).
 */
export function atListSize(points: ListSizePoints, entries: number): number {
  const [first] = points;
  if (entries <= first![0]) return first![1];
  for (let k = 1; k < points.length; k++) {
    const [n1, a] = points[k - 1]!;
    const [n2, b] = points[k]!;
    if (entries >= n2) continue;
    const t = (entries - n1) / (n2 - n1);
    return a + (b - a) * t;
  }
  return points.at(-1)![1];
}
