import { describe, expect, it } from 'vitest';
import { withIsolation } from './isolation';

describe('withIsolation', () => {
  it('adds COOP and COEP, keeping status, headers and body', async () => {
    const original = new Response('hello', {
      status: 201,
      headers: { 'content-type': 'text/plain' },
    });
    const isolated = withIsolation(original);
    expect(isolated.status).toBe(201);
    expect(isolated.headers.get('content-type')).toBe('text/plain');
    expect(isolated.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(isolated.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    expect(await isolated.text()).toBe('hello');
  });

  it('leaves a response that already says as it is', () => {
    const original = new Response('x', {
      headers: { 'Cross-Origin-Embedder-Policy': 'credentialless' },
    });
    expect(withIsolation(original)).toBe(original);
  });
});
