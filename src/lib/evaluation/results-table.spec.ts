import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { RankingResult } from './evaluate';
import {
  markdownTable,
  printTable,
  resultRows,
  stampLine,
  type RunStamp,
  type TableOutput,
} from './results-table';

const results: (RankingResult & { rmse?: number })[] = [
  { name: 'popularity', recall: 0.12345, ndcg: 0.1, users: 576, msPerUser: 0.25, discovery: 0.05 },
  {
    name: 'EASE | dense',
    recall: 0.5,
    ndcg: 0.31416,
    users: 576,
    msPerUser: 12.34,
    discovery: 0.2,
    droppedPicks: 0.0125,
    rmse: 1.5,
  },
];

const stamp: RunStamp = {
  command: 'npm run evaluate -- --markdown',
  at: new Date('2026-03-04T05:06:07Z'),
  commit: 'abc1234',
  dirty: true,
};

/** A console whose output is kept, as the terminal would show it. */
function capture(): { out: TableOutput; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { out: new Console({ stdout: stream, colorMode: false }), text: () => text };
}

describe('resultRows', () => {
  it('formats each measure as the tables show it, a dash for what was not measured', () => {
    const rows = resultRows(
      results,
      ['recall', 'ndcg', 'discovery', 'dropped', 'rmse', 'users', 'ms'],
      'model',
    );
    expect(rows[0]).toEqual({
      model: 'popularity',
      'Recall@20': '0.1235',
      'NDCG@20': '0.1000',
      'new-franchise R@20': '0.0500',
      'dropped-franchise picks': '–',
      RMSE: '–',
      'test users': 576,
      'ms/user': '0.3',
    });
    expect(rows[1]!['dropped-franchise picks']).toBe('0.013');
    expect(Object.keys(resultRows(results)[0]!)).toEqual([
      'ranker',
      'Recall@20',
      'NDCG@20',
      'new-franchise R@20',
      'dropped-franchise picks',
    ]);
  });
});

describe('printTable', () => {
  it('prints a plain terminal table without a stamp', () => {
    const { out, text } = capture();
    printTable(resultRows(results), null, out);
    const lines = text().split('\n');
    expect(lines[0]).toMatch(/^┌/);
    expect(text()).toContain('Recall@20');
    expect(lines.findIndex((l) => l.includes('popularity'))).toBeLessThan(
      lines.findIndex((l) => l.includes('EASE | dense')),
    );
    expect(text()).toContain('0.5000');
    expect(text()).not.toContain('Written by');
    expect(text()).not.toContain('| ---');
  });

  it('prints Markdown under the command, time and commit that wrote it', () => {
    const { out, text } = capture();
    printTable(resultRows(results), stamp, out);
    const expected = [
      '',
      'Written by `npm run evaluate -- --markdown` on 2026-03-04 05:06 UTC at commit abc1234 + uncommitted changes.',
      '',
      '| ranker | Recall@20 | NDCG@20 | new-franchise R@20 | dropped-franchise picks |',
      '| --- | ---: | ---: | ---: | ---: |',
      '| popularity | 0.1235 | 0.1000 | 0.0500 | – |',
      '| EASE \\| dense | 0.5000 | 0.3142 | 0.2000 | 0.013 |',
      '',
      '',
    ].join('\n');
    expect(text()).toBe(expected);
  });

  it('says nothing of uncommitted changes on a clean tree', () => {
    expect(stampLine({ ...stamp, dirty: false })).toBe(
      'Written by `npm run evaluate -- --markdown` on 2026-03-04 05:06 UTC at commit abc1234.',
    );
  });

  it('takes the columns of every row, and aligns only numeric ones right', () => {
    expect(
      markdownTable([
        { a: 'x', b: 1 },
        { b: '2.5', c: '40%' },
      ]),
    ).toBe(
      ['| a | b | c |', '| --- | ---: | --- |', '| x | 1 |  |', '|  | 2.5 | 40% |'].join('\n'),
    );
  });
});
