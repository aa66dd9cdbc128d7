// One HTTP server for a live class: the session API plus (optionally) the built deck, served with sirv
// (SPA fallback so /12 works). The data folder is never served: start-up refuses a data dir inside the static dir.
// The store is SQLite in the data folder, or PostgreSQL when a database URL is given (server/store.ts).
import { createServer, type Server } from 'node:http'
import { resolve, relative, isAbsolute } from 'node:path'
import sirv from 'sirv'
import { createSessionHandler, type SessionHandler, type SessionOptions } from './handler.ts'
import type { PollDefs } from './polls.ts'
import { openStore, type RoomStore, type SessionStore } from './store.ts'
import type { Limits } from './identity.ts'

export interface ClassServerOptions {
  secret: string
  /** SQLite's folder; unused when `databaseUrl` is given */
  dataDir: string
  /** postgres://…: the PostgreSQL store instead of SQLite (DATABASE_URL) */
  databaseUrl?: string
  polls: PollDefs
  staticDir?: string
  host?: string
  port?: number
  throttleMs?: number
  limits?: Partial<Limits>
  /** OPERATOR_TOKEN: lets its holder create, list, close and export rooms */
  operatorToken?: string
  /** TRUST_PROXY and the expiry of old rooms (issue 20 item 2 and 6; see SessionOptions) */
  trustProxy?: SessionOptions['trustProxy']
  expiry?: SessionOptions['expiry']
}

export interface ClassServer {
  server: Server
  store: SessionStore
  /** the default room's class (the one `npm run class` opens and prints) */
  room: RoomStore
  handler: SessionHandler
  /** http://host:port with the bound port */
  url: string
  close(): Promise<void>
}

export function isInside(child: string, parent: string): boolean {
  const rel = relative(resolve(parent), resolve(child))
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

export async function startClassServer(o: ClassServerOptions): Promise<ClassServer> {
  if (!o.secret) throw new Error('a presenter secret is required')
  if (!o.databaseUrl && o.staticDir && o.dataDir !== ':memory:' && isInside(o.dataDir, o.staticDir))
    throw new Error(`the data folder ${o.dataDir} is inside the served folder ${o.staticDir}; choose another --data`)
  const store = await openStore({ dataDir: o.dataDir, databaseUrl: o.databaseUrl })
  let handler: SessionHandler
  try {
    handler = await createSessionHandler({ store, secret: o.secret, polls: o.polls, throttleMs: o.throttleMs, limits: o.limits, operatorToken: o.operatorToken, trustProxy: o.trustProxy, expiry: o.expiry })
  } catch (e) {
    await store.close()
    throw e
  }
  // precompressed .br/.gz copies (server/precompress.ts) are sent to browsers that accept them; hashed assets are cached
  // for good (their names change with their content), the page itself is revalidated so a rebuild reaches everyone
  const assets = o.staticDir
    ? sirv(o.staticDir, {
        single: true, etag: true, dev: false, brotli: true, gzip: true,
        setHeaders: (res, pathname) => res.setHeader('Cache-Control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
      })
    : null
  const server = createServer((req, res) =>
    handler(req, res, () => {
      if (assets) assets(req, res, () => { res.statusCode = 404; res.end('not found') })
      else { res.statusCode = 404; res.end('not found') }
    }),
  )
  server.keepAliveTimeout = 10_000
  server.requestTimeout = 15_000 // a request (headers + body) must arrive within 15 s; SSE responses are not affected
  await new Promise<void>((ok, fail) => {
    server.once('error', fail)
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => ok())
  }).catch(async (e) => {
    handler.close()
    await store.close()
    throw e
  })
  const addr = server.address()
  const port = typeof addr === 'object' && addr ? addr.port : o.port
  const host = o.host && o.host !== '0.0.0.0' && o.host !== '::' ? o.host : '127.0.0.1'
  return {
    server, store, handler, room: store.room(handler.defaultRoom),
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () => new Promise<void>((ok) => {
      handler.close()
      server.closeAllConnections()
      server.close(() => { void store.close().then(() => ok()) })
    }),
  }
}
