import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// Unit, component and service tests. Browser tests live in vitest.e2e.config.ts (they need a built deck).
export default defineConfig({
  plugins: [vue()],
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['tests/{engine,logic,server,lab}/**/*.test.ts'], environment: 'node', globalSetup: ['tests/server/fixtures/pgNotice.ts'] },
      },
      {
        extends: true,
        test: { name: 'components', include: ['tests/components/**/*.test.ts'], environment: 'happy-dom', setupFiles: ['tests/components/setup.ts'] },
      },
    ],
  },
})
