/**
 * The Content-Security-Policy for every page of the app, desktop and browser mode alike:
 * only our own scripts and styles, no eval, no remote anything, and API calls only to ourselves.
 * (style-src allows inline style attributes because charts set them; no inline <style>/<script>.)
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
