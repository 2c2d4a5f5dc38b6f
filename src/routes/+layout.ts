// A static, client-rendered app: every page is a prerendered shell, the data lives in the browser.
export const prerender = true;
export const ssr = false;
