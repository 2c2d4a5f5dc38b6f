import { describe, expect, it } from 'vitest';
import svelteConfig from '../../../svelte.config.js';
import {
  DIRECTIVES,
  DOCUMENT_POLICY,
  WORKER_DIRECTIVES,
  WORKER_POLICY,
  policyFor,
  serialize,
  withContentPolicy,
} from './content-policy.js';

describe('the content policy', () => {
  it('is the one SvelteKit writes into the pages', () => {
    expect(svelteConfig.kit?.csp?.directives).toBe(DIRECTIVES);
    expect(svelteConfig.kit?.csp?.mode).toBe('hash');
  });

  it('lets workers reach their own origin only, with no eval and no framing', () => {
    expect(WORKER_POLICY.split('; ')).toEqual([
      "default-src 'self'",
      "script-src 'self' 'wasm-unsafe-eval'",
      "worker-src 'self'",
      "connect-src 'self'",
      "img-src 'self' data:",
      "style-src 'self' 'unsafe-inline'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ]);
  });

  it('differs for the worker only by compiling WASM', () => {
    expect({ ...WORKER_DIRECTIVES, 'script-src': undefined }).toEqual({
      ...DIRECTIVES,
      'script-src': undefined,
    });
    expect(DIRECTIVES['script-src']).toEqual(['self']);
    expect(WORKER_DIRECTIVES['script-src']).toEqual(['self', 'wasm-unsafe-eval']);
  });

  it('sends pages only what a <meta> tag cannot say', () => {
    expect(DOCUMENT_POLICY).toBe("frame-ancestors 'none'");
    expect(policyFor('text/html; charset=utf-8')).toBe(DOCUMENT_POLICY);
    expect(policyFor('text/javascript')).toBe(WORKER_POLICY);
    expect(policyFor('application/wasm')).toBe(WORKER_POLICY);
    expect(policyFor(null)).toBe(WORKER_POLICY);
  });

  it('quotes keywords and hashes as SvelteKit does, not schemes', () => {
    expect(
      serialize({
        'script-src': ['self', 'sha256-abc=', 'blob:'],
        'upgrade-insecure-requests': true,
        'require-trusted-types-for': ['script'],
      }),
    ).toBe(
      "script-src 'self' 'sha256-abc=' blob:; upgrade-insecure-requests; require-trusted-types-for 'script'",
    );
  });
});

describe('withContentPolicy', () => {
  it('adds the policy for the type, keeping status, headers and body', async () => {
    const script = withContentPolicy(
      new Response('x()', { status: 201, headers: { 'Content-Type': 'text/javascript' } }),
    );
    expect(script.status).toBe(201);
    expect(script.headers.get('Content-Type')).toBe('text/javascript');
    expect(script.headers.get('Content-Security-Policy')).toBe(WORKER_POLICY);
    expect(await script.text()).toBe('x()');
    const page = withContentPolicy(
      new Response('<p>', { headers: { 'Content-Type': 'text/html' } }),
    );
    expect(page.headers.get('Content-Security-Policy')).toBe(DOCUMENT_POLICY);
  });

  it('leaves a response that already has a policy as it is', () => {
    const original = new Response('x', {
      headers: { 'Content-Security-Policy': "default-src 'none'" },
    });
    expect(withContentPolicy(original)).toBe(original);
  });

  it('leaves a 304 alone: its headers would replace those of the cached page', () => {
    const notModified = new Response(null, { status: 304 });
    expect(withContentPolicy(notModified)).toBe(notModified);
  });
});
