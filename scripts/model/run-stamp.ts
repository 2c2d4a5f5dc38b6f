/** The stamp of a `--markdown` table (Node-only): the command line that ran, when, at which commit. */
import { execFileSync } from 'node:child_process';
import { relative } from 'node:path';
import type { RunStamp } from '../../src/lib/evaluation/results-table';

/** The lab entry names the command it ran (`npm run lab -- sweep-ease …`) through this variable. */
export const COMMAND_VARIABLE = 'TSUGI_COMMAND';

const quote = (arg: string) =>
  /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;

/** How this process was started, as one would type it again. */
export function commandLine(args = process.argv.slice(2)): string {
  const given = process.env[COMMAND_VARIABLE];
  if (given) return given;
  const rest = args.map(quote).join(' ');
  const event = process.env.npm_lifecycle_event;
  // npx sets the variable too (to "npx"): only a package.json script is `npm run`.
  if (event && event !== 'npx') return `npm run ${event}${rest ? ` -- ${rest}` : ''}`;
  const script = relative(process.cwd(), process.argv[1] ?? '');
  return `npx tsx ${script}${rest ? ` ${rest}` : ''}`;
}

const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();

export function runStamp(): RunStamp {
  let commit = 'unknown';
  let dirty = false;
  try {
    commit = git('rev-parse', '--short', 'HEAD');
    dirty = git('status', '--porcelain') !== '';
  } catch {
    // Not a git checkout (a tarball): the command and time still say where the figure came from.
  }
  return { command: commandLine(), at: new Date(), commit, dirty };
}

/** The stamp when `--markdown` was given, else null (a plain table). */
export function stampIf(markdown: boolean | undefined): RunStamp | null {
  return markdown ? runStamp() : null;
}
