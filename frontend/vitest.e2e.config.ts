import { defineConfig } from 'vitest/config';

// End-to-end tests: Debian chromium driven by playwright-core against a running app
// at I8S_BASE_URL (default http://127.0.0.1:8080).
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
