// Rehearsal (`npm start`): the class-session service mounted in Slidev's dev server, same handler as
// `npm run class`. Secret from CLASS_SECRET, or a random one printed to this terminal (never sent to a
// browser unless typed in). Answers are stored in CLASS_DATA or ~/.silicon-contract/rehearsal, outside the repo.
import { defineVitePluginsSetup } from '@slidev/types'
import { randomBytes } from 'node:crypto'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { Plugin } from 'vite'

function classSession(): Plugin {
  return {
    name: 'silicon-contract:class-session',
    apply: 'serve',
    async configureServer(server) {
      // loaded lazily so `slidev build` never opens the database
      const { openStore } = await import('../server/store.ts')
      const { createSessionHandler } = await import('../server/handler.ts')
      const { DEFAULT_POLLS } = await import('../server/defaultPolls.ts')
      const fromEnv = process.env.CLASS_SECRET
      const secret = fromEnv || randomBytes(9).toString('base64url')
      const dataDir = process.env.CLASS_DATA || join(homedir(), '.silicon-contract', 'rehearsal')
      // rehearsal is SQLite in the data folder; DATABASE_URL=postgres://… (as for `npm run class`) uses PostgreSQL
      const store = await openStore({ dataDir, databaseUrl: process.env.DATABASE_URL || undefined })
      const handler = await createSessionHandler({ store, secret, polls: DEFAULT_POLLS, operatorToken: process.env.OPERATOR_TOKEN || undefined })
      server.middlewares.use(handler)
      server.httpServer?.once('close', () => { handler.close(); void store.close() })
      console.log(`[class session] /api/session/ mounted (data: ${store.where}); presenter secret: ${fromEnv ? '(from CLASS_SECRET)' : secret}`)
    },
  }
}

export default defineVitePluginsSetup(() => [classSession()])
