// The class-session service on its own: `tsx server/cli.ts --secret S [--port P] [--host H] [--data DIR] [--static DIR]`.
import { parseServeArgs, UsageError, USAGE } from './args.ts'
import { startClassServer } from './app.ts'
import { DEFAULT_POLLS } from './defaultPolls.ts'

try {
  const a = parseServeArgs(process.argv.slice(2))
  const s = await startClassServer({ ...a, polls: DEFAULT_POLLS })
  console.log(`session service on ${s.url}/api/session/ (data: ${a.dataDir})`)
  const stop = () => s.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
} catch (e) {
  console.error(`error: ${(e as Error).message}`)
  if (e instanceof UsageError) console.error(USAGE)
  process.exit(2)
}
