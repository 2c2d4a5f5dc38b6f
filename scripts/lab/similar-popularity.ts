/**
 * `npm run lab -- similar-popularity [--titles 100 --show 5114,52991 --priors 1,2] [--markdown]`:
 * how popular "Similar by content" and "Fans also liked" are, with the similarity alone and
 * leaning on popularity as the main ranking does (`--priors 1,2` adds other content priors). For
 * the `--titles N` most-listed anime of the shard: the median MAL members of each list's top 10
 * (the median over the titles), and the top 5 of each list for a few named titles (`--show`).
 */
import { readBuiltShard } from '../model/built-shard';
import { parseArgs } from 'node:util';
import { printTable } from '../../src/lib/evaluation/results-table';
import { stampIf } from '../model/run-stamp';
import { displayTitle } from '../../src/lib/catalogue/labels';
import { SIMILAR_PRIORS, type SimilarPriors } from '../../src/lib/recommend/similar';
import { ShardIndices } from '../../src/lib/engine/shard-indices';
import { similarLists } from '../../src/lib/engine/similar-anime';

const median = (values: number[]) => {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      markdown: { type: 'boolean' },
      titles: { type: 'string', default: '100' },
      show: { type: 'string', default: '5114,52991,16498' },
      /** Other content priors to compare, e.g. `--priors 1,2`. */
      priors: { type: 'string' },
    },
  });
  const { shard, manifest } = await readBuiltShard();
  const { catalogue: c } = shard;
  const indices = new ShardIndices(shard, manifest.sha256);
  const tag = { kind: 'none' as const, version: '' };
  const variants: [string, SimilarPriors][] = [
    ['similarity alone', { content: 0, fans: 0 }],
    ...(values.priors ?? '')
      .split(',')
      .filter(Boolean)
      .map((p): [string, SimilarPriors] => [
        `content prior ${p}, fans prior ${SIMILAR_PRIORS.fans}`,
        { content: Number(p), fans: SIMILAR_PRIORS.fans },
      ]),
    [
      `the app (content prior ${SIMILAR_PRIORS.content}, fans ${SIMILAR_PRIORS.fans})`,
      SIMILAR_PRIORS,
    ],
  ];
  const probes = Array.from(c.members.keys())
    .sort((a, b) => c.members[b]! - c.members[a]!)
    .slice(0, Number(values.titles));
  const rows = [];
  for (const [name, priors] of variants) {
    const content: number[] = [];
    const fans: number[] = [];
    for (const item of probes) {
      const lists = similarLists(indices, null, tag, item, priors);
      const members = (list: { index: number }[]) =>
        median(list.slice(0, 10).map(({ index }) => c.members[index]!));
      content.push(members(lists.byContent));
      if (lists.fansAlsoLiked.length >= 10) fans.push(members(lists.fansAlsoLiked));
    }
    rows.push({
      variant: name,
      'content: median members of top 10': Math.round(median(content)),
      'fans also liked: median members of top 10': Math.round(median(fans)),
      titles: probes.length,
    });
  }
  for (const id of values.show.split(',').map(Number)) {
    const item = c.malId.indexOf(id);
    if (item < 0) continue;
    console.log(`\n${displayTitle(c, item)}:`);
    for (const [name, priors] of variants) {
      const lists = similarLists(indices, null, tag, item, priors);
      const show = (list: { index: number }[]) =>
        list
          .slice(0, 5)
          .map(
            ({ index }) => `${displayTitle(c, index)} (${c.members[index]!.toLocaleString('en')})`,
          )
          .join('; ');
      console.log(
        `  ${name}\n    content: ${show(lists.byContent)}\n    fans: ${show(lists.fansAlsoLiked)}`,
      );
    }
  }
  console.log(`\nThe ${probes.length} most-listed anime of the shard:`);
  printTable(rows, stampIf(values.markdown));
}

main().catch((error: unknown) => {
  console.error(`similar-popularity: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
