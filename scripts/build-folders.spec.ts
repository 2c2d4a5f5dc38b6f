import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** SvelteKit's output folder as svelte.config.js gives it, with TSUGI_OUT set or not. */
function outDir(out: string | undefined): string {
  const env = { ...process.env };
  delete env.TSUGI_OUT;
  if (out !== undefined) env.TSUGI_OUT = out;
  const script =
    "const { default: c } = await import('./svelte.config.js'); console.log(c.kit.outDir);";
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { env })
    .toString()
    .trim();
}

describe('build folders', () => {
  it('builds the end-to-end tests apart from what `npm start` serves', () => {
    expect(outDir(undefined)).toBe('.svelte-kit');
    expect(outDir('test')).toBe('.svelte-kit-test');
    const scripts = (
      JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts['test:e2e']).toMatch(
      /TSUGI_OUT=test vite build && TSUGI_OUT=test playwright test/,
    );
    expect(scripts.start).not.toMatch(/TSUGI_OUT/);
  });
});
