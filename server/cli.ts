// The class-session service on its own: `CLASS_SECRET=S [DATABASE_URL=postgres://…] tsx server/cli.ts [--port P] [--host H] [--data DIR] [--static DIR]`.
import { parseServeArgs, UsageError, USAGE } from './args.ts'
import { startClassServer } from './app.ts'
import { DEFAULT_POLLS } from './defaultPolls.ts'

try {
  const a = parseServeArgs(process.argv.slice(2))
  for (const w of a.warnings) console.warn(`warning: ${w}`)
  const s = await startClassServer({ ...a, polls: DEFAULT_POLLS })
  console.log(`session service on ${s.url}/api/session/ (data: ${s.store.where}); default room ${s.handler.defaultRoom}`)
  const stop = () => s.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
} catch (e) {
  console.error(`error: ${(e as Error).message}`)
  if (e instanceof UsageError) console.error(USAGE)
  process.exit(2)
}
