import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ShardManifest } from '../../src/lib/data/manifest';
import { SHARD_VERSION } from '../../src/lib/data/shard-codec';
import { sha256Hex, type BuildResult } from './build';

/** Writes shard.<hash>.bin and shard.json, and removes shards of earlier builds. */
export async function writeShard(
  outDir: string,
  result: BuildResult,
  fingerprint: string,
): Promise<ShardManifest> {
  await mkdir(outDir, { recursive: true });
  const sha256 = sha256Hex(result.bytes);
  const file = `shard.${sha256.slice(0, 12)}.bin`;
  for (const old of await readdir(outDir)) {
    if (/^shard\.[0-9a-f]+\.bin$/.test(old) && old !== file) await rm(join(outDir, old));
  }
  await writeFile(join(outDir, file), result.bytes);
  const { catalogue, ratings, info } = result.shard;
  const manifest: ShardManifest = {
    version: SHARD_VERSION,
    file,
    bytes: result.bytes.length,
    sha256,
    builtAt: info.builtAt,
    anime: catalogue.size,
    users: ratings.userCount,
    entries: ratings.entryCount,
    fingerprint,
  };
  await writeFile(join(outDir, 'shard.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}
