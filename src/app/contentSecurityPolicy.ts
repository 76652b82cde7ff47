/**
 * The site's Content-Security-Policy: everything from its own origin, nothing inline but style
 * attributes, WebAssembly allowed. It is shipped twice, kept equal by a test
 * (contentSecurityPolicy.test.ts): as a header in public/_headers (Netlify, Cloudflare Pages; it
 * also covers the workers, whose policy comes from their own response) and as a <meta> tag that
 * vite.config.ts writes into the built index.html (any host, headers or not).
 *
 * Why each source is there:
 * - script-src 'wasm-unsafe-eval': the engine compiles its WebAssembly kernels (and tfjs its WASM backend).
 * - style-src-attr 'unsafe-inline': the chart export writes computed styles onto a clone's `style`
 *   attributes before serialising it (src/app/exportChart.ts). <style> elements stay blocked.
 * - img-src data:: the export draws its SVG overlay from a data: URL onto a canvas.
 * - font-src data:: Vite inlines KaTeX's smallest font file into the CSS as a data: URL.
 * Not restricted: framing (frame-ancestors), so any site can embed a widget; a <meta> policy
 * cannot set it anyway. The dev server (npm run dev) has no policy: its React refresh preamble is
 * an inline script and its hot reload a WebSocket.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Headers for every response, beside the policy (public/_headers). */
export const HARDENING_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
} as const;

/** A Vite plugin that puts the policy in the built index.html as its first <head> element (build only). */
export function contentSecurityPolicyMeta() {
  return {
    name: 'content-security-policy-meta',
    apply: 'build' as const,
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' as const }],
  };
}
