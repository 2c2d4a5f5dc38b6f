/** The shard `npm run shard` wrote, as the Node scripts read it. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ShardManifest } from '../../src/lib/data/manifest';
import { decodeShard } from '../../src/lib/data/shard-codec';
import type { Shard } from '../../src/lib/data/shard-types';

export async function readBuiltShard(
  dir = 'static/data',
): Promise<{ shard: Shard; manifest: ShardManifest }> {
  const manifest = JSON.parse(await readFile(join(dir, 'shard.json'), 'utf8')) as ShardManifest;
  const shard = await decodeShard(new Uint8Array(await readFile(join(dir, manifest.file))));
  return { shard, manifest };
}
