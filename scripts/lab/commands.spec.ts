import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labCommand, labHelp, LAB_COMMANDS } from './commands';

const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as {
  scripts: Record<string, string>;
};

describe('npm run lab', () => {
  it('offers exactly the research commands the README names', () => {
    expect(LAB_COMMANDS.map((c) => c.name).sort()).toEqual(
      [
        'bench-stream',
        'bench-decode',
        'bench-train',
        'bench-recs',
        'bench-library',
        'bench-bundle',
        'bench-phone',
        'sweep-fine-tune',
        'sweep-threads',
        'sweep-ease',
        'similar-popularity',
        'evaluate-cli',
        'calibrate-match',
      ].sort(),
    );
  });

  it.each(LAB_COMMANDS.map((c) => [c.name, c] as const))(
    '%s resolves to a file whose usage comment is its lab invocation',
    (name, command) => {
      const url = new URL(command.file, new URL('./', import.meta.url));
      expect(existsSync(url)).toBe(true);
      expect(readFileSync(url, 'utf8').slice(0, 400)).toContain(`npm run lab -- ${name}`);
      expect(labCommand(name)).toBe(command);
      expect(labHelp()).toContain(`npm run lab -- ${name}`);
    },
  );

  it('is the only way in: package.json runs no research script by itself', () => {
    expect(Object.keys(packageJson.scripts)).toEqual([
      'prepare',
      'dev',
      'shard',
      'shard:ensure',
      'build',
      'preview',
      'start',
      'check',
      'format',
      'test:unit',
      'test:e2e',
      'test:smoke',
      'test',
      'evaluate',
      'lab',
    ]);
    expect(packageJson.scripts.lab).toBe('tsx scripts/lab/index.ts');
    expect(existsSync('scripts/lab/index.ts')).toBe(true);
  });
});
