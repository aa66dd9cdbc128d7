import { defineConfig } from 'vitest/config'

// Browser tests: the built deck in Debian's Chromium. The global setup builds the deck once into dist-e2e/
// and serves it; tests get `inject('baseUrl')`, `inject('distDir')` and `inject('slideCount')`.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/globalSetup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false, // one Chromium at a time on a 2-core machine
  },
})
