/** Pieces of `npm run evaluate`: training a model for it, the cold-start split, the explicit variant. */
import type { Ratings } from '../../src/lib/data/shard-types';
import { evaluateRanker, type RankingResult } from '../../src/lib/evaluation/evaluate';
import { heldOutRmse } from '../../src/lib/model/explicit';
import { foldIn, type FoldInConfig } from '../../src/lib/model/fold-in';
import { Feedback, feedbackOf } from '../../src/lib/model/interactions';
import { scoreAll, type NcfModel } from '../../src/lib/model/ncf-model';
import type { TrainConfig } from '../../src/lib/model/ncf-train';
import { hashPair } from '../../src/lib/model/random';
import type { EvaluationSplit } from '../../src/lib/evaluation/split';
import { startTraining, type Stepper } from '../../src/lib/model/train-loop';
import { trainingSet, type TrainingSet } from '../../src/lib/model/training-set';

export async function explicitRow(
  split: EvaluationSplit,
  catalogueSize: number,
  ratings: Ratings,
  config: TrainConfig,
  fold: FoldInConfig,
  stepper: ((initial: NcfModel) => Stepper) | undefined,
): Promise<RankingResult & { rmse: number }> {
  const explicitSet = trainingSet(ratings, catalogueSize, split.trainUsers, true);
  const explicit = await train(
    'NCF explicit',
    explicitSet,
    split.trainUsers.length,
    catalogueSize,
    config,
    stepper,
    'explicit',
  );
  const explicitScores = new Float32Array(catalogueSize);
  const explicitRanking = evaluateRanker(ratings, catalogueSize, split, {
    name: `NCF explicit (dim ${config.dim})`,
    scores: (input) => {
      const targets = Array.from(input.scores, (s) => (s ? s / 10 : NaN));
      const user = foldIn(
        explicit.model,
        input.items,
        input.feedback,
        explicit.sampler,
        fold,
        targets,
      );
      return scoreAll(explicit.model, user.vector, explicitScores);
    },
  });
  const { rmse } = heldOutRmse(ratings, split, explicit.model, explicit.sampler, fold);
  return { ...explicitRanking, rmse };
}

/**
 * The split with each test user's input cut to `size` rated entries (a score, or a watched or
 * dropped status), picked by a hash: a new user who has rated a handful of titles. Users with
 * fewer are left out.
 */
export function coldStartSplit(
  ratings: Ratings,
  split: EvaluationSplit,
  size: number,
): EvaluationSplit {
  const testUsers = split.testUsers
    .map((user) => {
      const rated = user.input
        .filter((e) => feedbackOf(ratings.score[e]!, ratings.status[e]!) !== Feedback.neutral)
        .sort((a, b) => hashPair(user.user, a, size) - hashPair(user.user, b, size));
      return { ...user, input: rated.slice(0, size) };
    })
    .filter((user) => user.input.length === size);
  return { ...split, testUsers };
}

export async function train(
  label: string,
  set: TrainingSet,
  userCount: number,
  itemCount: number,
  config: TrainConfig,
  stepper: ((initial: NcfModel) => Stepper) | undefined,
  engine: string,
) {
  const training = startTraining(set, userCount, itemCount, config, stepper);
  let trainMs = 0;
  let examples = 0;
  for await (const report of training.epochs) {
    trainMs += report.ms;
    examples += report.examples;
    console.log(
      `  ${label} epoch ${report.epoch}: loss ${report.loss.toFixed(4)}, ${report.examples} examples ` +
        `in ${report.ms.toFixed(0)} ms (${((report.examples / report.ms) * 1000).toFixed(0)} examples/s)`,
    );
  }
  console.log(
    `${label} training (${engine}): ${(trainMs / 1000).toFixed(1)} s, ` +
      `${((examples / trainMs) * 1000).toFixed(0)} examples/s`,
  );
  const model = await training.stepper.toModel();
  return { model, sampler: training.sampler };
}
