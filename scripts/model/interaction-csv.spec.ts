import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInteraction, readInteractions } from './interaction-csv';

describe('interaction rows', () => {
  it('reads scores, statuses and unscored entries', () => {
    expect(parseInteraction(['u1', '5114', '9', 'completed'], 'f:2')).toEqual({
      user: 'u1',
      anime: 5114,
      score: 9,
      status: 2,
    });
    expect(parseInteraction(['u1', '1', '0', 'plan_to_watch'], 'f:3')).toEqual({
      user: 'u1',
      anime: 1,
      score: 0,
      status: 6,
    });
    expect(parseInteraction(['7', '1', '', ''], 'f:4')).toEqual({
      user: '7',
      anime: 1,
      score: 0,
      status: 0,
    });
    expect(parseInteraction(['7', '1', '3', 'On_Hold'], 'f:5').status).toBe(3);
  });

  it.each([
    [['u', 'x', '9', 'completed'], /f:9: anime_id must be a positive whole number, not "x"/],
    [['u', '5', '11', 'completed'], /f:9: score must be a whole number from 0 to 10, not "11"/],
    [['u', '5', '7.5', ''], /score must be a whole number/],
    [
      ['u', '5', '7', 'binged'],
      /f:9: status must be one of watching, completed, on_hold, dropped, plan_to_watch or empty, not "binged"/,
    ],
    [['', '5', '7', ''], /f:9: user_id is empty/],
    [['u', '5', '7'], /f:9: expected 4 fields/],
  ])('rejects %j naming the line', (row, message) => {
    expect(() => parseInteraction(row, 'f:9')).toThrow(message);
  });

  it('reads a file and names the line of the first bad row', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tsugi-csv-'));
    try {
      const good = join(dir, 'good.csv');
      await writeFile(good, 'user_id,anime_id,score,status\na,1,8,completed\nb,5114,0,watching\n');
      expect(await readInteractions(good)).toHaveLength(2);
      const bad = join(dir, 'bad.csv');
      await writeFile(bad, 'user_id,anime_id,score,status\na,1,8,completed\nb,5114,12,watching\n');
      await expect(readInteractions(bad)).rejects.toThrow(/bad\.csv:3: score must be/);
      const header = join(dir, 'header.csv');
      await writeFile(header, 'user,anime\na,1\n');
      await expect(readInteractions(header)).rejects.toThrow(
        /header\.csv:1: the header must be "user_id,anime_id,score,status"/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
