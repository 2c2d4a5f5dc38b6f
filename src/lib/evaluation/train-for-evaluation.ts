/** Models trained afresh for `npm run evaluate`: a float NCF model, and the explicit variant's row. */
import type { Ratings } from '$lib/data/shard-types';
import { evaluateRanker, type RankingResult } from './evaluate';
import { heldOutRmse } from '$lib/model/explicit';
import { foldIn, type FoldInConfig } from '$lib/model/fold-in';
import { scoreAll, type NcfModel } from '$lib/model/ncf-model';
import type { TrainConfig } from '$lib/model/ncf-train';
import type { EvaluationSplit } from './split';
import { startTraining, type Stepper } from '$lib/model/train-loop';
import { trainingSet, type TrainingSet } from '$lib/model/training-set';

export type MakeStepper = ((initial: NcfModel) => Stepper) | undefined;
export type Log = (line: string) => void;

export async function explicitRow(
  split: EvaluationSplit,
  catalogueSize: number,
  ratings: Ratings,
  config: TrainConfig,
  fold: FoldInConfig,
  stepper: MakeStepper,
  log: Log,
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
    log,
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

/** Trains NCF on `set`, logging each epoch's loss and speed. */
export async function train(
  label: string,
  set: TrainingSet,
  userCount: number,
  itemCount: number,
  config: TrainConfig,
  stepper: MakeStepper,
  engine: string,
  log: Log,
) {
  const training = startTraining(set, userCount, itemCount, config, stepper);
  let trainMs = 0;
  let examples = 0;
  for await (const report of training.epochs) {
    trainMs += report.ms;
    examples += report.examples;
    log(
      `  ${label} epoch ${report.epoch}: loss ${report.loss.toFixed(4)}, ${report.examples} examples ` +
        `in ${report.ms.toFixed(0)} ms (${((report.examples / report.ms) * 1000).toFixed(0)} examples/s)`,
    );
  }
  log(
    `${label} training (${engine}): ${(trainMs / 1000).toFixed(1)} s, ` +
      `${((examples / trainMs) * 1000).toFixed(0)} examples/s`,
  );
  const model = await training.stepper.toModel();
  return { model, sampler: training.sampler };
}
