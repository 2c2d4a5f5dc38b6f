/**
 * A phone-speed CPU for the browser benchmarks: every renderer process of one Chromium (its pages,
 * their workers and service workers alike) runs `1 / rate` of each short period and is stopped
 * (SIGSTOP) for the rest. DevTools' `Emulation.setCPUThrottlingRate` slows only a page's main
 * thread ("Operation is only supported for pages, not workers"), and the engine runs in a worker.
 */
import { readdirSync, readFileSync } from 'node:fs';

const PERIOD_MS = 20;
/** New renderers (a new tab, a service worker) are looked for this often, not every period. */
const RESCAN_MS = 500;

/** The pids below `rootPid` (children, grandchildren…) whose command line is a renderer's. */
export function rendererPids(rootPid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the fields after its last ')' are fixed.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(name), Number(fields[1]));
    } catch {
      // the process ended while listing
    }
  }
  const below = (pid: number): boolean => {
    for (let p = parentOf.get(pid); p !== undefined && p > 1; p = parentOf.get(p)) {
      if (p === rootPid) return true;
    }
    return false;
  };
  return [...parentOf.keys()].filter((pid) => {
    if (!below(pid)) return false;
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
    } catch {
      return false;
    }
  });
}

/** The browser process started with `marker` among its arguments (not one of its children). */
export function browserPid(marker: string): number {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (args.includes(marker) && !args.some((a) => a.startsWith('--type='))) return Number(name);
    } catch {
      // the process ended while listing
    }
  }
  throw new Error(`no browser process was started with ${marker}`);
}

function signal(pids: number[], name: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      // gone: a closed tab's renderer
    }
  }
}

/** Starts slowing the renderers of the browser process `browserPid`; the result stops it. */
export function slowRenderers(browserPid: number, rate: number): () => void {
  if (rate <= 1) return () => {};
  const runMs = PERIOD_MS / rate;
  let stopped = false;
  let pids: number[] = [];
  let scanned = 0;
  let timer: NodeJS.Timeout;
  const cycle = (): void => {
    if (stopped) return;
    // Listed while the renderers run, so that the listing does not lengthen their stop.
    signal(pids, 'SIGCONT');
    if (Date.now() - scanned > RESCAN_MS) {
      pids = rendererPids(browserPid);
      scanned = Date.now();
      signal(pids, 'SIGCONT');
    }
    timer = setTimeout(() => {
      signal(pids, 'SIGSTOP');
      timer = setTimeout(cycle, PERIOD_MS - runMs);
    }, runMs);
  };
  cycle();
  return () => {
    stopped = true;
    clearTimeout(timer);
    signal(rendererPids(browserPid), 'SIGCONT');
  };
}
