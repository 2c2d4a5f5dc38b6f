/** A hash of everything the shard depends on: input files, builder options and builder code. */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { UserSelectionOptions } from './select-users';

/** The builder, the codec, and the trainer whose model ships in the shard. */
const CODE_DIRS = ['scripts/shard', 'src/lib/data', 'src/lib/model'];

export async function shardFingerprint(
  dataDir: string,
  options: UserSelectionOptions,
): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(options));
  const inputs = (await readdir(dataDir, { recursive: true }))
    .filter((f) => /\.csv(\.gz)?$/i.test(f))
    .sort();
  for (const file of inputs) {
    const info = await stat(join(dataDir, file));
    hash.update(`${file}\0${info.size}\0${Math.floor(info.mtimeMs)}\n`);
  }
  for (const dir of CODE_DIRS) {
    const files = (await readdir(dir))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
      .sort();
    for (const file of files) hash.update(await readFile(join(dir, file)));
  }
  return hash.digest('hex').slice(0, 16);
}
