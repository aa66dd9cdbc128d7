// The class-session service on its own: `CLASS_SECRET=S [DATABASE_URL=postgres://…] npm run serve [-- --port P] [--host H] [--data DIR] [--static DIR]`
// (npm run serve is tsx server/cli.ts). Over PostgreSQL it is one stateless process of a service: any number of them, on
// one database, behind a load balancer, serve the same rooms (server/README.md, "Several processes").
import { describeSettings, parseServeArgs, UsageError, usage } from './args.ts'
import { startClassServer } from './app.ts'
import { DEFAULT_POLLS } from './defaultPolls.ts'

try {
  const a = parseServeArgs(process.argv.slice(2))
  for (const w of a.warnings) console.warn(`warning: ${w}`)
  const s = await startClassServer({ ...a, polls: DEFAULT_POLLS })
  console.log(`session service on ${s.url}/api/session/ (data: ${s.store.where}); default room ${s.handler.defaultRoom}`
    + (s.store.subscribe ? '; pushes the changes of every process on this database' : ''))
  for (const line of describeSettings(a)) console.log(line)
  const stop = () => s.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
} catch (e) {
  console.error(`error: ${(e as Error).message}`)
  if (e instanceof UsageError) console.error(usage('serve'))
  process.exit(2)
}
