import type { FastifyInstance } from 'fastify';

/**
 * What the web app may load, run and be framed by. Scripts only from our own files (Vite emits no
 * inline script); styles also inline, because antd writes its CSS-in-JS into <style> elements; images
 * also `data:` (the signature pad's canvas, the favicon) and `blob:` (previews of chosen files, PDFs);
 * nobody may frame a page (clickjacking: a page on another port of the same host framed the settings).
 * Swagger UI at /api/docs runs under the same policy: its scripts and styles are files, its inline
 * styles are attributes, it fetches only /api/docs/json.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "frame-src 'self' blob:",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

const HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  /** For browsers that predate frame-ancestors. */
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
};

/**
 * Put the security headers on every answer: the web app, static files, API answers, errors and 404s.
 * `onSend` runs for all of them (also when a hook or the handler threw); a header a route set itself wins.
 */
export function registerSecurityHeaders(app: FastifyInstance) {
  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(HEADERS)) {
      if (!reply.hasHeader(name)) reply.header(name, value);
    }
    return payload;
  });
}
