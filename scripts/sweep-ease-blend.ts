/**
 * `npm run sweep:ease`: EASE as a signal of the app's blend, on the built-in split's held-out
 * users. Builds EASE from the training users' likes (as `npm run shard` ships it), then prints
 * EASE alone (dense, and kept to its k largest weights per anime), and the app's ranking as
 * ranked and as shown for several EASE shares of the collaborative side. Every ranking goes
 * through `userSignals` and `appRanking`, the code For you runs.
 * Flags: `--users N` (held-out users, all by default), `--k 50,100` (weights kept per anime),
 * `--shares 0,0.3,0.5` (EASE's share of the collaborative side), `--item-based 0.1,0.05`
 * (item-kNN's share beside it), `--user-based 0.1,0` (the nearest users' share), `--input-size 5`
 * (each held-out user given only that many rated titles).
 */
import { printRankings, readBuiltShard } from './model/built-shard';
import { parseArgs } from 'node:util';
import { listItems } from '../src/lib/library/user-items';
import { evaluateRankers, type Ranker, type TestListInput } from '../src/lib/evaluation/evaluate';
import { createSampler } from '../src/lib/model/negative-sampler';
import { splitUsers } from '../src/lib/evaluation/split';
import { trainingSet } from '../src/lib/model/training-set';
import { appRanking, rankingScores } from '../src/lib/evaluation/app-ranking';
import { DEFAULT_EASE } from '../src/lib/recommend/ease';
import { sparseEaseScores, sparsifyEase } from '../src/lib/recommend/ease-sparse';
import { opinions } from '../src/lib/library/opinions';
import { continuesDisliked, groupFranchises } from '../src/lib/recommend/franchise';
import { evaluationContext } from '../src/lib/evaluation/hybrid-rankers';
import { BLEND_SHARES, type BlendShares } from '../src/lib/recommend/rank';
import { userSignals, type ComputedSignals } from '../src/lib/recommend/user-signals';
import { easeRanker, trainEase } from './model/ease-parts';
import { coldStartSplit } from './model/evaluate-parts';

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
  const franchises = groupFranchises(catalogue);
  const dropped = (input: TestListInput) =>
    continuesDisliked(
      franchises,
      opinions(input.items, input.feedback, input.status, catalogue.size),
    );
  const dense = trainEase(set, catalogue.size, DEFAULT_EASE, (line) => console.log(line));
  const ks = list(values.k);
  const sparse = new Map(ks.map((k) => [k, sparsifyEase(dense, k)]));
  const rankers: Ranker[] = [easeRanker(dense, DEFAULT_EASE)];
  for (const [k, ease] of sparse) {
    const out = new Float32Array(catalogue.size);
    rankers.push({
      name: `EASE, ${k} largest weights per anime`,
      scores: (input) => sparseEaseScores(ease, input, out),
    });
  }
  // Each held-out list's signals once (the harness hands every ranker the same input object).
  const context = evaluationContext(catalogue, ratings, split.trainUsers, ncf, sparse.get(ks[0]!)!);
  let last: TestListInput | null = null;
  let memo: { entries: number; signals: ComputedSignals } | null = null;
  const signalsOf = (input: TestListInput) => {
    if (input !== last || !memo) {
      last = input;
      const items = listItems(input.items, input.scores, input.status, catalogue.size);
      memo = { entries: items.items.length, signals: userSignals(context, items) };
    }
    return memo;
  };
  const app = (name: string, shares: BlendShares, asShown: boolean): Ranker => ({
    name,
    scores: (input) => {
      const s = signalsOf(input);
      const ranking = appRanking(catalogue, s.signals, s.entries, 20, { asShown, shares });
      return rankingScores(
        catalogue.size,
        ranking.map((r) => r.index),
      );
    },
  });
  for (const userBased of list(values['user-based']))
    for (const itemBased of list(values['item-based']))
      for (const share of list(values.shares)) {
        const shares = { ...BLEND_SHARES, userBased, itemBased, ease: share };
        const name = `EASE share ${share}, item-kNN ${itemBased}, user-based ${userBased}`;
        rankers.push(app(`app as ranked, ${name}`, shares, false));
        rankers.push(app(`app as shown, ${name}`, shares, true));
      }
  const started = performance.now();
  const results = evaluateRankers(
    ratings,
    catalogue.size,
    sample,
    rankers,
    20,
    franchises.group,
    dropped,
  );
  console.log(
    `${results[0]!.users} held-out users${inputSize ? `, each given ${inputSize} rated titles` : ''}, ` +
      `${((performance.now() - started) / 1000).toFixed(0)} s; ` +
      `EASE k for the app rows: ${ks[0]} (λ ${DEFAULT_EASE.lambda}, ≥ ${DEFAULT_EASE.minLikes} likes, ` +
      `at most ${DEFAULT_EASE.maxItems} anime)`,
  );
  printRankings(results);
}

main().catch((error: unknown) => {
  console.error(`sweep:ease: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
