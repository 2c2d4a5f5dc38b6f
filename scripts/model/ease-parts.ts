/** EASE's command-line flags, and EASE as `npm run shard` ships it (the ranker is in src/lib/evaluation). */
import { trainEase } from '../../src/lib/evaluation/ease-ranker';
import type { Interactions } from '../../src/lib/model/ncf-train';
import { DEFAULT_EASE, type EaseConfig } from '../../src/lib/recommend/ease';
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
