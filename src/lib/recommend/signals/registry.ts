/**
 * Every signal the recommendations blend, in the blend's order (the collaborative side is summed
 * in this order, so it is part of the figures). A new signal is one module and one line here.
 */
import { content } from './content';
import { ease } from './ease';
import { itemKnn } from './item-knn';
import { ncf } from './ncf';
import { nearestUsers } from './nearest-users';
import type { BlendRole } from './signal';

export const SIGNALS = [ncf, nearestUsers, itemKnn, ease, content] as const;

export type AnySignal = (typeof SIGNALS)[number];
export type SignalKey = AnySignal['key'];
/** Each signal's scores of every anime, by its key. */
export type SignalScores = { [S in AnySignal as S['key']]: ReturnType<S['scores']> };

type WithRole<R extends BlendRole['role']> = Extract<AnySignal, { blend: { role: R } }>;
function withRole<R extends BlendRole['role']>(role: R): WithRole<R>[] {
  return SIGNALS.filter((s): s is WithRole<R> => s.blend.role === role);
}
function onlyOne<T>(signals: T[], what: string): T {
  if (signals.length !== 1) throw new Error(`The registry needs one ${what} signal.`);
  return signals[0]!;
}

/** The model's scores: the collaborative side's base. */
export const MODEL_SIGNAL = onlyOne(withRole('model'), 'model');
/** The collaborative side's shares beside the model, in the blend's order. */
export const PART_SIGNALS = withRole('part');
export type PartKey = (typeof PART_SIGNALS)[number]['key'];
/** The other side of the blend. */
export const CONTENT_SIGNAL = onlyOne(withRole('content'), 'content');
