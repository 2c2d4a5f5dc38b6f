/**
 * npm run shard [-- --data-dir DIR --out DIR --min-entries N --max-entries N]
 * Streams the rating and metadata tables in DATA_DIR into static/data/shard.<hash>.bin + shard.json.
 */
import { buildShard } from './shard/build';
import { parseShardArgs } from './shard/cli-options';
import { shardFingerprint } from './shard/fingerprint';
import { writeShard } from './shard/write-shard';
import { nodeKernel } from './kernel/node-stepper';

async function main(): Promise<void> {
  const options = parseShardArgs(process.argv.slice(2));
  const started = performance.now();
  console.log(`Building the shard from ${options.dataDir}`);
  const result = await buildShard({
    ...options,
    // Each line says when it was written: the time of each step is the gap before the next.
    log: (line) =>
      console.log(`${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s ${line}`),
    progressEvery: 2,
    model: { train: true, evaluate: true, stepper: await nodeKernel() },
  });
  const manifest = await writeShard(
    options.outDir,
    result,
    await shardFingerprint(options.dataDir, options),
  );
  const seconds = (performance.now() - started) / 1000;
  const wire = (prefix: string) =>
    result.sizes.filter((s) => s.name.startsWith(prefix)).reduce((s, x) => s + x.storedBytes, 0);
  const ratingsWire = wire('ratings.');
  const model = result.shard.model?.info;
  const heldOut = model?.heldOut;
  const figures = (h: { recall: number; ndcg: number }) =>
    `Recall@20 ${h.recall.toFixed(4)}, NDCG@20 ${h.ndcg.toFixed(4)}`;
  const entries = manifest.entries;
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  console.log(
    [
      `Wrote ${options.outDir}/${manifest.file} in ${seconds.toFixed(1)} s`,
      `  catalogue: ${manifest.anime} anime; users: ${manifest.users}; entries: ${entries}` +
        ` (from ${result.ratingRowsRead} rating rows)`,
      `  shard on the wire: ${kb(manifest.bytes)} (${manifest.bytes} bytes): catalogue ` +
        `${kb(wire('catalogue.'))}, ratings ${kb(ratingsWire)}, model ${kb(wire('model.'))}`,
      ...(model
        ? [
            `  model: ${model.config.dim} dimensions, ${model.epochs} epochs on ${model.trainUsers} users in ` +
              `${(model.trainMs / 1000).toFixed(1)} s (${(model.examplesPerSecond / 1e6).toFixed(2)}M examples/s); ` +
              `${model.shippedRows} anime with an embedding row (at least ${model.minLabels} labelled entries)`,
          ]
        : []),
      ...(heldOut
        ? [
            `  held-out NCF (${heldOut.users} users, fold-in): float ${figures(heldOut.float)}; ` +
              `shipped int8 ${figures(heldOut.quantised)}`,
          ]
        : []),
      `  ratings: ${kb(ratingsWire)} = ${(ratingsWire / Math.max(1, entries)).toFixed(2)} bytes per entry` +
        ` (the rating tables as CSV text: ${(result.ratingCsvBytes / Math.max(1, result.ratingRowsRead)).toFixed(2)} bytes per row)`,
      ...result.tables
        .filter((t) => t.invalidRows > 0)
        .map((t) => `  skipped ${t.invalidRows} unusable rows of ${t.rows} in ${t.file}`),
      '  largest sections on the wire:',
      ...[...result.sizes]
        .sort((a, b) => b.storedBytes - a.storedBytes)
        .slice(0, 12)
        .map(
          (s) =>
            `    ${s.name.padEnd(28)} ${kb(s.storedBytes).padStart(9)}  (raw ${kb(s.rawBytes)})`,
        ),
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(`shard: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
