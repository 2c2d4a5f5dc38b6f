/** EASE for `npm run evaluate`: its flags, and a ranker built from the training users' likes. */
import type { Ranker } from '../../src/lib/evaluation/evaluate';
import { Feedback } from '../../src/lib/model/interactions';
import type { Interactions } from '../../src/lib/model/ncf-train';
import {
  DEFAULT_EASE,
  easeColumns,
  easeScores,
  easeWeights,
  type EaseConfig,
  type EaseModel,
  likesOf,
} from '../../src/lib/recommend/ease';
import { sparsifyEase, type ShippedEaseConfig } from '../../src/lib/recommend/ease-sparse';
import type { ShippedEase } from '../../src/lib/data/ease-codec';

export const EASE_FLAGS = ['ease-lambda', 'ease-min-likes', 'ease-max-items'];

/** The EASE settings from `--ease-lambda X --ease-min-likes N --ease-max-items N`. */
export function easeConfigFrom(values: Record<string, unknown>): EaseConfig {
  const read = (key: string, fallback: number, whole: boolean) => {
    const text = values[key];
    if (text === undefined) return fallback;
    const n = Number(text);
    const ok = typeof text === 'string' && text.trim() !== '' && Number.isFinite(n);
    if (!ok || (whole ? !Number.isInteger(n) || n < 1 : n <= 0)) {
      const kind = whole ? 'a whole number of at least 1' : 'a number above 0';
      throw new Error(`--${key} must be ${kind}, not "${String(text)}"`);
    }
    return n;
  };
  return {
    lambda: read('ease-lambda', DEFAULT_EASE.lambda, false),
    minLikes: read('ease-min-likes', DEFAULT_EASE.minLikes, true),
    maxItems: read('ease-max-items', DEFAULT_EASE.maxItems, true),
  };
}

/** Builds EASE from a training set, logging its size and how long the inverse took. */
export function trainEase(
  set: Interactions,
  catalogueSize: number,
  config: EaseConfig,
  log: (line: string) => void,
): EaseModel {
  const started = performance.now();
  const { items, column, gram } = easeColumns(likesOf(set), catalogueSize, config);
  const inverting = performance.now();
  const weights = easeWeights(gram, items.length, config.lambda);
  const done = performance.now();
  log(
    `EASE: ${items.length} anime with ≥ ${config.minLikes} likes (at most ${config.maxItems}), ` +
      `λ ${config.lambda}; Gram matrix ${((inverting - started) / 1000).toFixed(1)} s, ` +
      `inverse and B ${((done - inverting) / 1000).toFixed(1)} s`,
  );
  if (items.length === 0) log('EASE: no anime has enough likes; every score is −Infinity');
  return { items, column, weights };
}

export function easeName(config: EaseConfig): string {
  return `EASE (λ ${config.lambda}, anime with ≥ ${config.minLikes} likes)`;
}

/** EASE as an evaluation ranker: scores from the input's liked anime. */
export function easeRanker(model: EaseModel, config: EaseConfig): Ranker {
  const out = new Float32Array(model.column.length);
  return {
    name: easeName(config),
    scores: (input) =>
      easeScores(
        model,
        input.items.filter((_, k) => input.feedback[k] === Feedback.positive),
        out,
      ),
  };
}

/** EASE as `npm run shard` ships it: from the training users' likes, `k` weights per anime. */
export function shippedEase(
  set: Interactions,
  catalogueSize: number,
  users: number,
  config: ShippedEaseConfig,
  log: (line: string) => void,
): ShippedEase | undefined {
  const started = performance.now();
  const dense = trainEase(set, catalogueSize, config, log);
  if (dense.items.length < 2) return undefined;
  const ease = sparsifyEase(dense, config.k);
  const { lambda, minLikes, maxItems, k } = config;
  const buildMs = performance.now() - started;
  return { info: { lambda, minLikes, maxItems, k, users, buildMs }, ease };
}
