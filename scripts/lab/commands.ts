/**
 * The research commands behind `npm run lab -- <command> [args]`: each one's file, one line on
 * what it measures, its usage, and what must be built before it runs (the site for the browser
 * benchmarks, the shard for the Node ones).
 */

/** What a command needs first: `npm run build` (the site and the shard), or the shard alone. */
export type Prerequisite = 'build' | 'shard:ensure' | null;

export interface LabCommand {
  name: string;
  /** Its file, relative to this folder. */
  file: string;
  description: string;
  usage: string;
  needs: Prerequisite;
}

export const LAB_COMMANDS: LabCommand[] = [
  {
    name: 'bench-stream',
    file: 'bench-stream.ts',
    description: 'the shard builder streaming a generated 10M-row animelist.csv: time, peak RSS',
    usage: '[--rows N --gzip --min-entries N --max-entries N]',
    needs: null,
  },
  {
    name: 'bench-decode',
    file: 'bench-decode.ts',
    description: 'shard decode time in headless Chromium, cold loads',
    usage: '[--runs N] [--markdown]',
    needs: 'build',
  },
  {
    name: 'bench-train',
    file: 'bench-train.ts',
    description: 'NCF training in headless Chromium per backend: speed, recall curve, memory',
    usage: '[--backends wasm,wasm-1,webgpu --epochs 30 --plain-epochs 3 --stop] [--markdown]',
    needs: 'build',
  },
  {
    name: 'bench-recs',
    file: 'bench-recs.ts',
    description: 'import → recommendations, fine-tune, cold start and re-rank times in Chromium',
    usage: '[--runs 7 --entries 500] [--markdown]',
    needs: 'build',
  },
  {
    name: 'bench-library',
    file: 'bench-library.ts',
    description: 'big lists in Chromium: import, Your list, filter, scroll, edit, reload, delete',
    usage: '[--sizes 500,20000,200000 --runs 3]',
    needs: 'build',
  },
  {
    name: 'bench-phone',
    file: 'bench-phone.ts',
    description:
      'first visit, import, return visit, anime page at phone size, this CPU and 4× slower',
    usage: '[--runs 5 --rate 4 --entries 500] [--markdown]',
    needs: 'build',
  },
  {
    name: 'bench-bundle',
    file: 'bench-bundle.ts',
    description: "the gzipped JavaScript each page loads on a first visit, beside the worker's",
    usage: '[--markdown]',
    needs: 'build',
  },
  {
    name: 'sweep-fine-tune',
    file: 'sweep-fine-tune.ts',
    description: 'fold-in against fine-tuning variants on held-out users: NCF alone and the blend',
    usage: '[--users 60] [--markdown]',
    needs: 'shard:ensure',
  },
  {
    name: 'sweep-threads',
    file: 'sweep-threads.ts',
    description: 'the CPU training kernel on 1 and N Node worker threads: recall curves per seed',
    usage:
      '[--threads 1,2 --seeds 1,2,3,4,5 --users 200 --epochs 30 --from 10 --patience 3] ' +
      '[--markdown]',
    needs: 'shard:ensure',
  },
  {
    name: 'sweep-ease',
    file: 'sweep-ease.ts',
    description: "EASE alone and as a share of the app's blend, as ranked and as shown",
    usage:
      '[--users N --k 50,100 --shares 0,0.3 --item-based 0.1,0.05 --user-based 0.1,0 ' +
      '--input-size 5] [--markdown]',
    needs: 'shard:ensure',
  },
  {
    name: 'similar-popularity',
    file: 'similar-popularity.ts',
    description: 'how popular "Similar by content" and "Fans also liked" are, by content prior',
    usage: '[--titles 100 --show 5114,52991 --priors 1,2] [--markdown]',
    needs: 'shard:ensure',
  },
  {
    name: 'evaluate-cli',
    file: 'evaluate-cli.ts',
    description: 'the file CLI (npm run evaluate -- --train …) on held-out splits, scored',
    usage: '[--seeds 7,8 --rankers app,ease --dir DIR] [--markdown]',
    needs: 'shard:ensure',
  },
  {
    name: 'calibrate-match',
    file: 'calibrate-match.ts',
    description: "the match label's thresholds from held-out users' hit rates by score",
    usage: '[--markdown]',
    needs: 'shard:ensure',
  },
];

/** The command of that name, or undefined. */
export function labCommand(name: string): LabCommand | undefined {
  return LAB_COMMANDS.find((c) => c.name === name);
}

/** The help text: every command with its description and usage. */
export function labHelp(): string {
  const width = Math.max(...LAB_COMMANDS.map((c) => c.name.length));
  const lines = LAB_COMMANDS.map((c) => {
    const first = c.needs ? `   (runs npm run ${c.needs} first)` : '';
    const usage = `npm run lab -- ${c.name}${c.usage ? ` ${c.usage}` : ''}`;
    return `  ${c.name.padEnd(width)}  ${c.description}\n  ${' '.repeat(width)}  ${usage}${first}`;
  });
  return [
    'Research commands (scripts/lab/): npm run lab -- <command> [args]',
    '`npm run lab -- <command> --help` prints one command’s usage without running it.',
    '',
    ...lines,
  ].join('\n');
}
