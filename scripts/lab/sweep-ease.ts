/**
 * `npm run lab -- sweep-ease [flags]`: EASE as a signal of the app's blend, on the built-in
 * split's held-out users. Builds EASE from the training users' likes (as `npm run shard` ships
 * it), then prints EASE alone (dense, and kept to its k largest weights per anime), and the app's
 * ranking as ranked and as shown for several EASE shares of the collaborative side. Every
 * ranking goes through `userSignals` and `appRanking`, the code For you runs.
 * Flags: `--users N` (held-out users, all by default), `--k 50,100` (weights kept per anime),
 * `--shares 0,0.3,0.5` (EASE's share of the collaborative side), `--item-based 0.1,0.05`
 * (item-kNN's share beside it), `--user-based 0.1,0` (the nearest users' share), `--input-size 5`
 * (each held-out user given only that many rated titles), `--markdown` (the table as Markdown under
 * the command, time and commit that wrote it). The rankers are in src/lib/evaluation/ease-blend.ts.
 */
import { parseArgs } from 'node:util';
import { readBuiltShard } from '../model/built-shard';
import { stampIf } from '../model/run-stamp';
import { franchiseMeasures } from '../../src/lib/evaluation/dropped-franchise';
import { appBlendRankers, easeRankers } from '../../src/lib/evaluation/ease-blend';
import { trainEase } from '../../src/lib/evaluation/ease-ranker';
import { evaluateRankers } from '../../src/lib/evaluation/evaluate';
import { evaluationContext } from '../../src/lib/evaluation/hybrid-rankers';
import { printTable, resultRows } from '../../src/lib/evaluation/results-table';
import { coldStartSplit, splitUsers } from '../../src/lib/evaluation/split';
import { createSampler } from '../../src/lib/model/negative-sampler';
import { trainingSet } from '../../src/lib/model/training-set';
import { DEFAULT_EASE } from '../../src/lib/recommend/ease';
import { sparsifyEase } from '../../src/lib/recommend/ease-sparse';
import { BLEND_SHARES } from '../../src/lib/recommend/rank';

const list = (text: string) => text.split(',').map(Number);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      users: { type: 'string' },
      k: { type: 'string', default: '50,100,200' },
      shares: { type: 'string', default: '0,0.2,0.3,0.4,0.5' },
      'item-based': { type: 'string', default: String(BLEND_SHARES.itemBased) },
      'user-based': { type: 'string', default: String(BLEND_SHARES.userBased) },
      /** Give each held-out user only this many rated titles (a cold start). */
      'input-size': { type: 'string' },
      markdown: { type: 'boolean' },
    },
  });
  const { shard } = await readBuiltShard();
  if (!shard.model) throw new Error('the shard has no model: run npm run shard');
  const { catalogue, ratings } = shard;
  const split = splitUsers(ratings);
  const users = values.users ? Number(values.users) : split.testUsers.length;
  const inputSize = values['input-size'] ? Number(values['input-size']) : null;
  const cut = inputSize ? coldStartSplit(ratings, split, inputSize) : split;
  const sample = { ...cut, testUsers: cut.testUsers.slice(0, users) };
  const set = trainingSet(ratings, catalogue.size, split.trainUsers);
  const ncf = {
    model: shard.model.model,
    sampler: createSampler(set.positiveCounts, shard.model.info.config.samplingPower),
  };
  const measures = franchiseMeasures(catalogue);
  const dense = trainEase(set, catalogue.size, DEFAULT_EASE, (line) => console.log(line));
  const ks = list(values.k);
  const sparse = new Map(ks.map((k) => [k, sparsifyEase(dense, k)]));
  const context = evaluationContext(catalogue, ratings, split.trainUsers, ncf, sparse.get(ks[0]!)!);
  const rankers = [
    ...easeRankers(dense, DEFAULT_EASE, sparse),
    ...appBlendRankers(context, {
      userBased: list(values['user-based']),
      itemBased: list(values['item-based']),
      ease: list(values.shares),
    }),
  ];
  const started = performance.now();
  const results = evaluateRankers(
    ratings,
    catalogue.size,
    sample,
    rankers,
    20,
    measures.franchise,
    measures.dropped,
  );
  console.log(
    `${results[0]!.users} held-out users${inputSize ? `, each given ${inputSize} rated titles` : ''}, ` +
      `${((performance.now() - started) / 1000).toFixed(0)} s; ` +
      `EASE k for the app rows: ${ks[0]} (λ ${DEFAULT_EASE.lambda}, ≥ ${DEFAULT_EASE.minLikes} likes, ` +
      `at most ${DEFAULT_EASE.maxItems} anime)`,
  );
  printTable(resultRows(results), stampIf(values.markdown));
}

main().catch((error: unknown) => {
  console.error(`sweep-ease: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
