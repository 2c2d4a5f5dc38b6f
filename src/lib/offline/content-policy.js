/**
 * The app's one Content-Security-Policy. SvelteKit writes it into each page as a <meta> tag
 * (with the hashes of its inline bootstrap script); the preview server and the service worker
 * send it as a header. Plain JavaScript (typed by JSDoc) so that svelte.config.js, which Node
 * loads as is, can import it too.
 *
 * - Worker scripts and every other non-HTML response get the whole policy as a header (plus
 *   what the training kernel needs in the worker): a <meta> tag cannot reach a worker, and the
 *   worker parses the user's list.
 * - HTML pages keep the <meta> policy (a header without the page's script hashes would block
 *   SvelteKit's inline script) and get a header with what a <meta> tag cannot say.
 */

/** @typedef {import('@sveltejs/kit').KitConfig['csp']} KitCsp */
/** @typedef {NonNullable<NonNullable<KitCsp>['directives']>} Directives */

/**
 * The page's policy, in SvelteKit's `kit.csp.directives` form: keywords unquoted.
 * @type {Directives}
 */
export const DIRECTIVES = {
  'default-src': ['self'],
  'script-src': ['self'],
  'worker-src': ['self'],
  'connect-src': ['self'],
  'img-src': ['self', 'data:'],
  'style-src': ['self', 'unsafe-inline'],
  'object-src': ['none'],
  'base-uri': ['self'],
  'form-action': ['self'],
  'frame-ancestors': ['none'],
};

/**
 * The trainer worker's adds 'wasm-unsafe-eval': it compiles the training kernel's WASM. Its
 * kernel threads are workers of its own origin, so no blob: is needed. The page compiles no WASM.
 * @type {Directives}
 */
export const WORKER_DIRECTIVES = {
  ...DIRECTIVES,
  'script-src': ['self', 'wasm-unsafe-eval'],
};

/** Directives a <meta> policy ignores (SvelteKit leaves them out of the tag). */
const HEADER_ONLY = ['frame-ancestors', 'report-uri', 'sandbox'];

/** The keywords CSP quotes, as SvelteKit quotes them. */
const QUOTED = new Set([
  'self',
  'none',
  'unsafe-eval',
  'unsafe-hashes',
  'unsafe-inline',
  'strict-dynamic',
  'report-sample',
  'wasm-unsafe-eval',
  'script',
]);

/** @param {string} value */
const quote = (value) =>
  QUOTED.has(value) || /^(nonce|sha\d\d\d)-/.test(value) ? `'${value}'` : value;

/**
 * The header form of `directives`.
 * @param {Directives} directives
 * @returns {string}
 */
export function serialize(directives) {
  return Object.entries(directives)
    .filter(([, values]) => values)
    .map(([name, values]) => [name, ...(Array.isArray(values) ? values.map(quote) : [])])
    .map((words) => words.join(' '))
    .join('; ');
}

/** The header for worker scripts and everything else that is not an HTML page. */
export const WORKER_POLICY = serialize(WORKER_DIRECTIVES);

/** The header for HTML pages, beside their <meta> policy. */
export const DOCUMENT_POLICY = serialize(
  Object.fromEntries(Object.entries(DIRECTIVES).filter(([name]) => HEADER_ONLY.includes(name))),
);

/**
 * @param {string | null | undefined} contentType
 * @returns {string}
 */
export function policyFor(contentType) {
  return /^\s*text\/html\b/i.test(contentType ?? '') ? DOCUMENT_POLICY : WORKER_POLICY;
}

/**
 * The response with the policy for its type added, for a static host that sends none. Opaque
 * responses, those that already carry a policy and a 304 (whose headers would replace those of
 * the cached response, HTML or not) are passed through untouched.
 * @param {Response} response
 * @returns {Response}
 */
export function withContentPolicy(response) {
  if (response.type === 'opaque' || response.type === 'opaqueredirect') return response;
  if (response.status === 304 || response.headers.has('Content-Security-Policy')) return response;
  const headers = new Headers(response.headers);
  headers.set('Content-Security-Policy', policyFor(headers.get('Content-Type')));
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
