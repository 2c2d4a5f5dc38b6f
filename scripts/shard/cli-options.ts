import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface ShardCliOptions {
  dataDir: string;
  outDir: string;
  minEntries: number;
  maxEntries: number;
}

export const SHARD_DEFAULTS = { minEntries: 5, maxEntries: 2_000_000 };

/** Flags shared by `npm run shard` and the start-up check, so both agree on what "stale" means. */
export function parseShardArgs(argv: string[]): ShardCliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      out: { type: 'string' },
      'min-entries': { type: 'string' },
      'max-entries': { type: 'string' },
    },
  });
  const number = (name: string, text: string | undefined, fallback: number) => {
    if (text === undefined) return fallback;
    const n = Number(text.replaceAll('_', ''));
    if (!Number.isInteger(n) || n < 0)
      throw new Error(`--${name} must be a whole number, not "${text}"`);
    return n;
  };
  return {
    dataDir: resolve(values['data-dir'] ?? process.env.DATA_DIR ?? '../shared/data'),
    outDir: resolve(values.out ?? 'static/data'),
    minEntries: number('min-entries', values['min-entries'], SHARD_DEFAULTS.minEntries),
    maxEntries: number('max-entries', values['max-entries'], SHARD_DEFAULTS.maxEntries),
  };
}
