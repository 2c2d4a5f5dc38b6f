/** EASE for the evaluation: built from the training users' likes, and as a ranker. */
import type { Ranker } from './evaluate';
import { Feedback } from '$lib/model/interactions';
import type { Interactions } from '$lib/model/ncf-train';
import {
  easeColumns,
  easeScores,
  easeWeights,
  type EaseConfig,
  type EaseModel,
  likesOf,
} from '$lib/recommend/ease';

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
