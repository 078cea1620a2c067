import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The production page carries its own Content-Security-Policy so that it is strict even
 * when Electron loads it from file:// (no server to send headers). Dev mode is left
 * without it because Vite's hot reload injects inline scripts.
 * style-src needs 'unsafe-inline': antd's CSS-in-JS writes <style> tags at run time.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'points-store-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
  };
}

// `npm run dev`-style work against a running browser host: POINTS_STORE_API=http://127.0.0.1:PORT
const apiTarget = process.env.POINTS_STORE_API;

export default defineConfig({
  root: 'renderer',
  // Relative asset URLs so Electron can load dist/renderer/index.html from file://.
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // antd is one large chunk by design; the app is loaded from disk, not over a network.
    chunkSizeWarningLimit: 2500,
  },
  server: apiTarget ? { proxy: { '/api': { target: apiTarget, changeOrigin: false } } } : {},
});
