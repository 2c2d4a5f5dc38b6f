/**
 * A hash of everything the shard depends on: input files, the bangumi-data version, builder options and the code the
 * builder runs (every local module reachable from its entry: the codec, the builder, the trainer
 * whose model ships in the shard), so a change elsewhere in the app does not rebuild it.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { KERNEL_SOURCE } from '../kernel/compile-kernel';
import { bangumiVersion } from './bangumi';
import type { UserSelectionOptions } from './select-users';

const BUILDER_ENTRY = 'scripts/build-shard.ts';

export async function shardFingerprint(
  dataDir: string,
  options: UserSelectionOptions,
): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(options));
  // bangumi-data is an input too: a new release of the package must rebuild the shard.
  hash.update(`bangumi-data@${bangumiVersion()}\n`);
  const inputs = (await readdir(dataDir, { recursive: true }))
    .filter((f) => /\.csv(\.gz)?$/i.test(f))
    .sort();
  for (const file of inputs) {
    const info = await stat(join(dataDir, file));
    hash.update(`${file}\0${info.size}\0${Math.floor(info.mtimeMs)}\n`);
  }
  // The training kernel's source is read by path, not imported: a changed kernel trains anew.
  for (const file of [...(await localModules(BUILDER_ENTRY)), KERNEL_SOURCE]) {
    hash.update(`${relative('.', file)}\0`);
    hash.update(await readFile(file));
  }
  return hash.digest('hex').slice(0, 16);
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s(?:[^'";]*?\sfrom\s)?['"]([^'"]+)['"]/g;

/** The TypeScript files reachable from `entry` by relative and `$lib/` imports, sorted. */
export async function localModules(entry: string): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [resolve(entry)];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, spec] of (await readFile(file, 'utf8')).matchAll(IMPORT)) {
      const base = spec!.startsWith('.')
        ? resolve(dirname(file), spec!)
        : spec!.startsWith('$lib/')
          ? resolve('src/lib', spec!.slice('$lib/'.length))
          : null;
      const found = base && [base, `${base}.ts`, join(base, 'index.ts')].find(isFile);
      if (found) queue.push(found);
    }
  }
  return [...seen].sort();
}

const isFile = (path: string) => existsSync(path) && statSync(path).isFile();
