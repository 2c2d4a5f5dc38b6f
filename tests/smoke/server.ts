/**
 * The built site (build-test, as the end-to-end tests use) on a real static server that the smoke
 * steps can stop: with it gone, a reload is the network being away for this origin.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { killGroup } from './engines';

export class SiteServer {
  private child: ChildProcess | null = null;
  constructor(readonly port: number) {}

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(
      'npx',
      ['vite', 'preview', '--host', '127.0.0.1', '--port', String(this.port), '--strictPort'],
      { stdio: 'ignore', detached: true, env: { ...process.env, TSUGI_OUT: 'test' } },
    );
    const deadline = Date.now() + 60_000;
    while (!(await this.answers())) {
      if (this.child.exitCode !== null)
        throw new Error(`vite preview exited (port ${this.port} taken?)`);
      if (Date.now() > deadline) throw new Error(`nothing answered at ${this.origin} within 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async stop(): Promise<void> {
    if (!this.child) return;
    const child = this.child;
    this.child = null;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    killGroup(child);
    await exited;
    while (await this.answers()) await new Promise((resolve) => setTimeout(resolve, 100));
  }

  private async answers(): Promise<boolean> {
    try {
      return (await fetch(this.origin, { signal: AbortSignal.timeout(2_000) })).ok;
    } catch {
      return false;
    }
  }
}
