import { createReadStream, statSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { expect, test, type Page, type Worker } from '@playwright/test';
import {
  DIRECTIVES,
  DOCUMENT_POLICY,
  WORKER_POLICY,
  policyFor,
  serialize,
} from '../../src/lib/offline/content-policy.js';
import { realExports } from '../support/exports';

/**
 * The Content-Security-Policy reaches the engine worker (which parses the user's list) and
 * forbids framing: from the preview server, and from the service worker when the host sends no
 * headers at all (a bare static server of the same build, then offline).
 */

/** Another origin that would answer: CORS and CORP let any page or worker read these. */
const FOREIGN: Record<string, [type: string, body: string]> = {
  '/data': ['text/plain', 'leaked'],
  '/module.js': ['text/javascript', 'export default "imported";'],
};
/** Serves them, and any other path as a page that frames `?src`. */
const foreignSite: RequestListener = (request, response) => {
  const url = new URL(request.url!, 'http://x');
  const frame = `<iframe id="app" src="${url.searchParams.get('src')}"></iframe>`;
  const [type, body] = FOREIGN[url.pathname] ?? ['text/html', frame];
  response.writeHead(200, {
    'Content-Type': type,
    'Access-Control-Allow-Origin': '*',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  });
  response.end(body);
};

/** A host that sends no headers of its own: only the service worker can add them. */
const BUILD = `build${process.env.TSUGI_OUT ? `-${process.env.TSUGI_OUT}` : ''}`;
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
const bareHost: RequestListener = (request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url!, 'http://x').pathname));
  const file = [join(BUILD, path), join(BUILD, `${path}.html`), join(BUILD, path, 'index.html')]
    .filter((f) => f.startsWith(`${BUILD}/`))
    .find((f) => statSync(f, { throwIfNoEntry: false })?.isFile());
  if (!file) return void response.writeHead(404).end();
  response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(response);
};

const servers: Server[] = [];
async function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let foreign = '';
let bare = '';
test.beforeAll(async () => {
  foreign = await serve(foreignSite);
  bare = await serve(bareHost);
});
test.afterAll(() => {
  for (const server of servers) server.close();
});

/** The app's engine worker, created by what `load` does. */
async function engineWorker(page: Page, load: () => Promise<unknown>): Promise<Worker> {
  const created = page.waitForEvent('worker', (w) => w.url().includes('engine.worker'));
  await load();
  return created;
}

/** Inside the worker: a cross-origin fetch, a cross-origin import(), eval, and what CSP saw. */
function probe(worker: Worker) {
  return worker.evaluate(async (origin) => {
    const violations: string[] = [];
    let expected = Infinity;
    let reported = () => {};
    const allReported = new Promise<void>((resolve) => (reported = resolve));
    const seen = (e: SecurityPolicyViolationEvent) => {
      violations.push(e.effectiveDirective);
      if (violations.length >= expected) reported();
    };
    self.addEventListener('securitypolicyviolation', seen);
    const fail = (e: unknown) => `blocked: ${String(e)}`;
    const fetched = await fetch(`${origin}/data`).then((r) => r.text(), fail);
    const imported = await import(`${origin}/module.js`).then((m) => String(m.default), fail);
    let evaluated: string;
    try {
      evaluated = String((0, eval)('6 * 7'));
    } catch (e) {
      evaluated = fail(e);
    }
    // Reports come as later tasks: wait for one per blocked attempt (at most 10 s, then the
    // assertion shows which are missing).
    expected = [fetched, imported, evaluated].filter((r) => r.startsWith('blocked: ')).length;
    if (violations.length >= expected) reported();
    await Promise.race([allReported, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    self.removeEventListener('securitypolicyviolation', seen);
    return { fetched, imported, evaluated, violations: violations.sort() };
  }, foreign);
}

const BLOCKED = {
  fetched: expect.stringMatching(/^blocked: /),
  imported: expect.stringMatching(/^blocked: /),
  evaluated: expect.stringMatching(/^blocked: EvalError/),
  violations: ['connect-src', 'script-src', 'script-src-elem'],
};

async function expectNotFramed(page: Page, src: string): Promise<void> {
  await page.goto(`${foreign}/?src=${encodeURIComponent(src)}`);
  await page.waitForLoadState('load');
  const frame = page.frames().find((f) => f !== page.mainFrame())!;
  expect(frame.url()).not.toContain('/library');
  await expect(page.frameLocator('#app').getByRole('heading', { name: 'Your list' })).toHaveCount(
    0,
  );
}

test('the engine worker runs under the policy served with it', async ({ page, context }) => {
  const worker = await engineWorker(page, () => page.goto('/'));
  expect(await probe(worker)).toEqual(BLOCKED);
  const script = await context.request.get(worker.url());
  expect(script.headers()['content-security-policy']).toBe(WORKER_POLICY);
});

test('every response of a session carries the policy its type calls for', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const seen: { url: string; type: string; policy: string | undefined; status: number }[] = [];
  page.context().on('response', (response) => {
    if (!response.url().startsWith(baseURL!) || response.status() === 304) return;
    const headers = response.headers();
    seen.push({
      url: response.url().slice(baseURL!.length),
      type: headers['content-type'] ?? '',
      policy: headers['content-security-policy'],
      status: response.status(),
    });
  });
  // Pages, the engine worker, its kernel threads and WASM, the shard, icons, the manifest.
  await page.goto('/recommendations');
  await page.getByTestId('import-file').setInputFiles(realExports()[0]!.path);
  await expect(page.getByTestId('model-in-use')).toHaveAttribute('data-kind', 'fine-tuned', {
    timeout: 60_000,
  });
  await page.goto('/library');
  await expect(page.getByTestId('library-caption')).toBeVisible();
  const kinds = new Set(seen.map((r) => r.type.split(';')[0]));
  for (const kind of ['text/html', 'text/javascript', 'application/octet-stream'])
    expect(kinds, [...kinds].join(', ')).toContain(kind);
  expect(seen.some((r) => r.url.includes('engine.worker'))).toBe(true);
  const wrong = seen.filter((r) => r.policy !== policyFor(r.type));
  expect(wrong, JSON.stringify(wrong.slice(0, 5))).toEqual([]);
});

/** Directive name → its values, less SvelteKit's script hashes. */
const directives = (policy: string) =>
  Object.fromEntries(
    policy
      .split(/;\s*/)
      .map((directive) => directive.split(' '))
      .map(([name, ...values]) => [name, values.filter((v) => !v.startsWith("'sha")).sort()]),
  );

test('another origin cannot frame the app', async ({ page, context, baseURL }) => {
  await expectNotFramed(page, `${baseURL}/library`);
  const library = await context.request.get('/library');
  expect(library.headers()['content-security-policy']).toBe(DOCUMENT_POLICY);
  // A 304 updates the cached page's headers: it must not swap in another policy.
  const again = await context.request.get('/library', {
    headers: { 'If-None-Match': library.headers()['etag']! },
  });
  expect(again.status()).toBe(304);
  expect(again.headers()['content-security-policy']).toBeUndefined();
  // The page's own <meta> policy is the same one, less what a <meta> tag cannot say.
  const meta = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(
    await library.text(),
  );
  expect(directives(meta![1]!)).toEqual(
    directives(serialize({ ...DIRECTIVES, 'frame-ancestors': undefined })),
  );
});

test('the service worker adds the policy where the host sends none', async ({ page, context }) => {
  test.setTimeout(90_000);
  const plain = await context.request.get(`${bare}/library`);
  expect(plain.headers()['content-security-policy']).toBeUndefined();
  await page.goto(`${bare}/`);
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // Online, the service worker serves the page that another origin tries to frame.
  await expectNotFramed(page, `${bare}/library`);

  await context.setOffline(true);
  const worker = await engineWorker(page, () => page.goto(`${bare}/`));
  await expect(page.getByTestId('anime-card').first()).toBeVisible({ timeout: 30_000 });
  const served = await page.evaluate(async (url) => {
    const [script, library] = await Promise.all([fetch(url), fetch('/library')]);
    return [script, library].map((r) => r.headers.get('content-security-policy'));
  }, worker.url());
  expect(await probe(worker)).toEqual(BLOCKED);
  expect(served).toEqual([WORKER_POLICY, DOCUMENT_POLICY]);
  await context.setOffline(false);
});
