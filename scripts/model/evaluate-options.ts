/** `npm run evaluate`'s flags: training, fold-in, the file CLI's, EASE's, cold start, switches. */
import { parseArgs } from 'node:util';
import { DEFAULT_FOLD_IN, type FoldInConfig } from '../../src/lib/model/fold-in';
import { DEFAULT_TRAIN, type TrainConfig } from '../../src/lib/model/ncf-train';
import type { EaseConfig } from '../../src/lib/recommend/ease';
import { EASE_FLAGS, easeConfigFrom } from './ease-parts';

const FLAGS = ['epochs', 'dim', 'negatives', 'l2', 'lr', 'decay', 'power', 'seed'];
const FOLD_FLAGS = ['fold-epochs', 'fold-lr', 'fold-l2', 'fold-negatives', 'fold-average'];

const FILE_FLAGS = ['train', 'input', 'out', 'k', 'ranker'];
/** Switches: train a fresh float model; train and report the explicit variant; the file CLI's
 * page rules; Markdown tables. */
const SWITCHES = ['retrain', 'explicit', 'as-shown', 'markdown'];
/** Held-out users on which fold-in and fine-tuning are compared (fine-tuning takes ~1 s each). */
const FINE_TUNE_FLAG = 'fine-tune-users';
/** `--input-sizes 5,10`: also rank for test users given only that many rated titles (cold start). */
const COLD_FLAG = 'input-sizes';

export interface Cli {
  retrain: boolean;
  explicit: boolean;
  asShown: boolean;
  markdown: boolean;
  fineTuneUsers: number;
  train: TrainConfig;
  fold: FoldInConfig;
  backend: string;
  files: Record<string, string | undefined>;
  inputSizes: number[];
  ease: EaseConfig;
}

export function parseConfig(argv: string[]): Cli {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...Object.fromEntries(
        [
          ...FLAGS,
          ...FOLD_FLAGS,
          ...FILE_FLAGS,
          ...EASE_FLAGS,
          COLD_FLAG,
          FINE_TUNE_FLAG,
          'backend',
        ].map((k) => [k, { type: 'string' as const }]),
      ),
      ...Object.fromEntries(SWITCHES.map((k) => [k, { type: 'boolean' as const }])),
    },
  });
  const num = (key: string, fallback: number) => {
    const text = values[key];
    if (typeof text !== 'string') return fallback;
    const n = Number(text);
    if (!Number.isFinite(n)) throw new Error(`--${key} must be a number, not "${text}"`);
    return n;
  };
  const d = DEFAULT_TRAIN;
  const f = DEFAULT_FOLD_IN;
  const train = {
    epochs: num('epochs', d.epochs),
    dim: num('dim', d.dim),
    negatives: num('negatives', d.negatives),
    l2: num('l2', d.l2),
    learningRate: num('lr', d.learningRate),
    decay: num('decay', d.decay),
    samplingPower: num('power', d.samplingPower),
    seed: num('seed', d.seed),
  };
  const fold = {
    epochs: num('fold-epochs', f.epochs),
    learningRate: num('fold-lr', f.learningRate),
    l2: num('fold-l2', f.l2),
    negatives: num('fold-negatives', f.negatives),
    averageFrom: num('fold-average', f.averageFrom),
    seed: f.seed,
  };
  const backend = typeof values.backend === 'string' ? values.backend : 'wasm';
  const files = Object.fromEntries(FILE_FLAGS.map((k) => [k, values[k] as string | undefined]));
  const sizes = typeof values[COLD_FLAG] === 'string' ? values[COLD_FLAG].split(',') : [];
  const inputSizes = sizes.map((text) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`--${COLD_FLAG} takes whole numbers, not "${text}"`);
    return n;
  });
  const retrain =
    values.retrain === true || [...FLAGS, 'backend'].some((k) => typeof values[k] === 'string');
  const fineTuneUsers = num(FINE_TUNE_FLAG, 100);
  return {
    retrain,
    explicit: values.explicit === true,
    asShown: values['as-shown'] === true,
    markdown: values.markdown === true,
    fineTuneUsers,
    train,
    fold,
    backend,
    files,
    inputSizes,
    ease: easeConfigFrom(values),
  };
}
