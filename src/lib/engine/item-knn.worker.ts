/**
 * Builds item-kNN on a thread of its own (seconds on a slow phone), so that the engine worker
 * goes on answering the page, importing a list, while it runs.
 */
import {
  buildItemKnn,
  type ItemKnn,
  type ItemKnnOptions,
  type KnnRatings,
} from '$lib/recommend/item-knn';

export interface ItemKnnRequest {
  ratings: KnnRatings;
  userCount: number;
  itemCount: number;
  options: ItemKnnOptions;
}

export interface ItemKnnReply {
  knn: ItemKnn;
  buildMs: number;
}

self.onmessage = ({ data }: MessageEvent<ItemKnnRequest>) => {
  const started = performance.now();
  const { ratings, userCount, itemCount, options } = data;
  const everyone = Array.from({ length: userCount }, (_, u) => u);
  const knn = buildItemKnn(ratings, itemCount, everyone, options);
  const reply: ItemKnnReply = { knn, buildMs: performance.now() - started };
  const transfer = [knn.rowPtr, knn.neighbour, knn.similarity].map((a) => a.buffer as ArrayBuffer);
  self.postMessage(reply, { transfer });
};
