/** A real MyAnimeList export cut to its first N entries, for the browser benchmarks. */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realExports } from '../../../tests/support/exports';

export function cutExport(entries: number): { path: string; entries: number } {
  const largest = realExports().sort((a, b) => b.entries - a.entries)[0];
  if (!largest) throw new Error('No MyAnimeList exports found in ../shared/data/mal-exports.');
  const xml = readFileSync(largest.path, 'utf8');
  const blocks = xml.split(/(?=<anime>)/);
  const kept = blocks.slice(1, entries + 1).map((b) => b.replace(/<\/myanimelist>\s*$/, ''));
  const path = join(tmpdir(), `tsugi-bench-${entries}.xml`);
  writeFileSync(path, blocks[0] + kept.join('') + '</myanimelist>\n');
  return { path, entries: kept.length };
}
