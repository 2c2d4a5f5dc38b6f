/**
 * npm run lab -- sweep-fine-tune [--users 60] [--markdown]
 * Fold-in against the shipped model versus fine-tuning variants, NCF alone and the app's blend,
 * on the first held-out users of the built-in split: the figures behind DEFAULT_FINE_TUNE. Every
 * variant runs 3 epochs at learning rate 0.01 (decay 0.7) unless it says otherwise. `--markdown`:
 * the table as Markdown under the command, time and commit that wrote it.
 */
import { readBuiltShard } from '../model/built-shard';
import { parseArgs } from 'node:util';
import { evaluateRankers } from '../../src/lib/evaluation/evaluate';
import { DEFAULT_FINE_TUNE, type FineTuneConfig } from '../../src/lib/model/fine-tune';
import { fineTuning } from '../../src/lib/evaluation/fine-tune-comparison';
import { printTable } from '../../src/lib/evaluation/results-table';
import { stampIf } from '../model/run-stamp';
import { DEFAULT_FOLD_IN } from '../../src/lib/model/fold-in';
import { createSampler } from '../../src/lib/model/negative-sampler';
import { splitUsers } from '../../src/lib/evaluation/split';
import { trainingSet } from '../../src/lib/model/training-set';
import { franchiseMeasures } from '../../src/lib/evaluation/dropped-franchise';
import { evaluationContext, hybridRankers } from '../../src/lib/evaluation/hybrid-rankers';

/** Each variant spelt out in full, so the figures do not move when the default does. */
const VARIANTS: [string, Partial<FineTuneConfig> | null][] = [
  ['fold-in (no fine-tune)', null],
  [
    '200 random users replayed',
    { replay: 'random', replayUsers: 200, userRepeats: 4, refold: false },
  ],
  ['200 random, refold', { replay: 'random', replayUsers: 200, userRepeats: 4, refold: true }],
  [
    '100 nearest users replayed',
    { replay: 'nearest', replayUsers: 100, userRepeats: 4, refold: false },
  ],
  ['100 nearest, refold', { replay: 'nearest', replayUsers: 100, userRepeats: 4, refold: true }],
  ['200 nearest, refold', { replay: 'nearest', replayUsers: 200, userRepeats: 4, refold: true }],
  [
    '100 nearest, refold, lr 0.02',
    { replay: 'nearest', replayUsers: 100, userRepeats: 4, refold: true, learningRate: 0.02 },
  ],
  [
    '100 nearest, refold, 1 repeat',
    { replay: 'nearest', replayUsers: 100, userRepeats: 1, refold: true },
  ],
];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { users: { type: 'string', default: '60' }, markdown: { type: 'boolean' } },
  });
  const { shard } = await readBuiltShard();
  if (!shard.model) throw new Error('the shard has no model: run npm run shard');
  const { catalogue, ratings } = shard;
  const split = splitUsers(ratings);
  const sample = { ...split, testUsers: split.testUsers.slice(0, Number(values.users)) };
  const set = trainingSet(ratings, catalogue.size, split.trainUsers);
  const ncf = {
    model: shard.model.model,
    sampler: createSampler(set.positiveCounts, shard.model.info.config.samplingPower),
  };
  const { franchise } = franchiseMeasures(catalogue);
  const context = evaluationContext(catalogue, ratings, split.trainUsers, ncf);
  const rows = [];
  for (const [name, change] of VARIANTS) {
    const config = { ...DEFAULT_FINE_TUNE, ...change };
    const personalise = change ? fineTuning(ncf, set, config) : undefined;
    const rankers = hybridRankers(context, { fold: DEFAULT_FOLD_IN, personalise }).filter(
      (r) => r.name.startsWith('NCF') || r.name.startsWith('Tsugi hybrid blend'),
    );
    const [alone, blend] = evaluateRankers(ratings, catalogue.size, sample, rankers, 20, franchise);
    const row = {
      variant: name,
      'NCF R@20': alone!.recall.toFixed(4),
      'NCF NDCG@20': alone!.ndcg.toFixed(4),
      'blend R@20': blend!.recall.toFixed(4),
      'blend NDCG@20': blend!.ndcg.toFixed(4),
      'ms/user': alone!.msPerUser.toFixed(0),
    };
    console.log(JSON.stringify(row));
    rows.push(row);
  }
  console.log(`First ${sample.testUsers.length} held-out users of the built-in split:`);
  printTable(rows, stampIf(values.markdown));
}

main().catch((error: unknown) => {
  console.error(`sweep-fine-tune: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
