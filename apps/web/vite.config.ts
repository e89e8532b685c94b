import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = 'http://127.0.0.1:3000';

// The server serves dist/ with an SPA fallback and a strict CSP (script-src 'self'): nothing
// inline in index.html, every route split into its own chunk (the portal never loads the back
// office or the e-form renderer).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    // The modulepreload polyfill is an inline-free module, but nothing here needs it (evergreen browsers).
    modulePreload: { polyfill: false },
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': api,
      '/health': api,
      '/ready': api,
      '/sitemap.xml': api,
    },
  },
  preview: {
    proxy: {
      '/api': api,
      '/health': api,
      '/ready': api,
      '/sitemap.xml': api,
    },
  },
});
