/**
 * `npm run check` fails when a module grows past the house limit (300 lines): long modules hide
 * more than one idea. Reads every TypeScript, JavaScript and Svelte file git tracks under the
 * source folders.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const MAX_LINES = 300;
const SOURCE = /^(src|scripts|tests|kernels)\/.*\.(ts|js|svelte)$/;

/** The files over `limit` lines, longest first, as "path: N lines". */
export function oversized(files: { path: string; text: string }[], limit = MAX_LINES): string[] {
  return files
    .map(({ path, text }) => ({
      path,
      lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0),
    }))
    .filter(({ lines }) => lines > limit)
    .sort((a, b) => b.lines - a.lines)
    .map(({ path, lines }) => `${path}: ${lines} lines`);
}

function main(): void {
  const paths = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter((path) => SOURCE.test(path));
  const found = oversized(paths.map((path) => ({ path, text: readFileSync(path, 'utf8') })));
  if (found.length) {
    console.error(`Modules over ${MAX_LINES} lines (split them by idea):\n  ${found.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`module-size: ${paths.length} modules, none over ${MAX_LINES} lines`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
