/** Builds the shard only when it is missing or its inputs, options or builder code changed. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ShardManifest } from '../src/lib/data/manifest';
import { parseShardArgs } from './shard/cli-options';
import { shardFingerprint } from './shard/fingerprint';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const options = parseShardArgs(args);
  const manifestPath = join(options.outDir, 'shard.json');
  const fingerprint = await shardFingerprint(options.dataDir, options);
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ShardManifest;
    if (manifest.fingerprint === fingerprint && existsSync(join(options.outDir, manifest.file))) {
      console.log(
        `Shard is up to date: ${manifest.file} (${manifest.anime} anime, ${manifest.entries} entries)`,
      );
      return;
    }
  }
  console.log('Shard is missing or stale: building it.');
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-shard.ts', ...args], {
    stdio: 'inherit',
  });
}

main().catch((error: unknown) => {
  console.error(`shard: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
