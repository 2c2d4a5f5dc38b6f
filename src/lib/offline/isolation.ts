/**
 * Cross-origin isolation (COOP + COEP) for responses the service worker hands out: the page needs
 * it for SharedArrayBuffer (WASM threads), and a static host may not send the headers. Opaque
 * responses and those that already say are passed through untouched.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

export function withIsolation(response: Response): Response {
  if (response.type === 'opaque' || response.headers.has('Cross-Origin-Embedder-Policy'))
    return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
