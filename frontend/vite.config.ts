import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The Go server embeds dist/ and serves it with an index.html fallback.
// In development, `npm run dev` proxies the API to a locally running server.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    // scripts/clean-dist.mjs empties dist/ but keeps dist/.keep for go:embed.
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: false,
    // React, Mantine, the router and the query library make up ~540 kB of the
    // first download (~170 kB gzip); every page but the landing page is split off.
    chunkSizeWarningLimit: 600,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    restoreMocks: true,
  },
});
