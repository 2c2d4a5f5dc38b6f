/**
 * npm run lab -- <command> [args]: the one entry to the research commands (commands.ts lists
 * them). No command, or `--help`, lists them; `<command> --help` prints its usage. Otherwise it
 * runs the command's prerequisite (`npm run build` or `npm run shard:ensure`), then the command
 * in its own Node process, and exits with its status.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { commandLine, COMMAND_VARIABLE } from '../model/run-stamp';
import { labCommand, labHelp } from './commands';

function run(command: string, args: string[], env = process.env): number {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function main(): number {
  const [name, ...args] = process.argv.slice(2);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(labHelp());
    return 0;
  }
  const command = labCommand(name);
  if (!command) {
    console.error(`lab: no command "${name}"\n\n${labHelp()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    console.log(`${command.description}\nnpm run lab -- ${command.name} ${command.usage}`.trim());
    return 0;
  }
  if (command.needs) {
    const status = run('npm', ['run', command.needs]);
    if (status !== 0) return status;
  }
  const file = fileURLToPath(new URL(command.file, import.meta.url));
  // The `--markdown` stamp names the lab command, not this process's own argv.
  const env = { ...process.env, [COMMAND_VARIABLE]: commandLine() };
  return run(process.execPath, ['--import', 'tsx', file, ...args], env);
}

process.exitCode = main();
