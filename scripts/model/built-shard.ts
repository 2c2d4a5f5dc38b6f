/** The scripts' shared pieces: the shard `npm run shard` wrote, and a ranking table. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ShardManifest } from '../../src/lib/data/manifest';
import { decodeShard } from '../../src/lib/data/shard-codec';
import type { Shard } from '../../src/lib/data/shard-types';
import type { RankingResult } from '../../src/lib/evaluation/evaluate';

export async function readBuiltShard(
  dir = 'static/data',
): Promise<{ shard: Shard; manifest: ShardManifest }> {
  const manifest = JSON.parse(await readFile(join(dir, 'shard.json'), 'utf8')) as ShardManifest;
  const shard = await decodeShard(new Uint8Array(await readFile(join(dir, manifest.file))));
  return { shard, manifest };
}

/** Prints rankings as a table: Recall@20, NDCG@20, new-franchise Recall@20, dropped picks. */
export function printRankings(results: RankingResult[]): void {
  console.table(
    results.map((r) => ({
      ranker: r.name,
      'Recall@20': r.recall.toFixed(4),
      'NDCG@20': r.ndcg.toFixed(4),
      'new-franchise R@20': r.discovery === undefined ? '–' : r.discovery.toFixed(4),
      'dropped-franchise picks': r.droppedPicks === undefined ? '–' : r.droppedPicks.toFixed(3),
    })),
  );
}
