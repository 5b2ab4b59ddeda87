import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Dev only: where `npm run dev` forwards /api. Defaults to the mock in dev/mock-server.mjs;
// point it at a real backend with I8S_DEV_API=http://127.0.0.1:8080.
const devApi = process.env.I8S_DEV_API ?? 'http://127.0.0.1:8090';

const EDITOR_MODULES = /node_modules[\\/](@codemirror|@lezer|codemirror|@marijn|crelt|style-mod|w3c-keyname)/;

export default defineConfig({
  plugins: [svelte()],
  // Relative asset paths so the built UI works wherever the app serves dist/.
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      output: {
        // The editor is most of the bundle and changes rarely: its own chunk caches well.
        manualChunks: (id) => (EDITOR_MODULES.test(id) ? 'codemirror' : undefined),
      },
    },
  },
  server: { proxy: { '/api': { target: devApi, changeOrigin: true } } },
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
