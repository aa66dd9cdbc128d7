// Command-line options shared by `npm run class` (scripts/class.ts) and `tsx server/cli.ts`.
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { isPostgresUrl } from './store.ts'
import { describeTrustProxy, parseTrustProxy, type TrustProxy } from './proxy.ts'
import { describeExpiry, parseExpiry, type ExpiryRule } from './expiry.ts'

export interface ServeArgs {
  secret: string
  port: number
  host: string
  dataDir: string
  /** DATABASE_URL (postgres://…): the PostgreSQL store instead of SQLite in dataDir. Only from the environment: a URL
   *  may carry a password, and a command line is visible to every user of the machine (ps). */
  databaseUrl?: string
  staticDir?: string
  /** OPERATOR_TOKEN (only from the environment): lets its holder create, list and close rooms (`npm run rooms`) */
  operatorToken?: string
  /** TRUST_PROXY (only from the environment, like the rest of a deployment's settings): the reverse proxies whose
   *  X-Forwarded-For / X-Forwarded-Proto are believed (server/proxy.ts); none when unset */
  trustProxy: TrustProxy
  /** ROOM_IDLE_DAYS, ROOM_DELETE_DAYS: when old rooms are closed and deleted (server/expiry.ts) */
  expiry: ExpiryRule
  rebuild: boolean
  /** said to the operator (never containing the secret), e.g. that --secret shows in `ps` */
  warnings: string[]
}

export const DEFAULT_DATA_DIR = join(homedir(), '.silicon-contract')

export class UsageError extends Error {}

export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env, defaultPort = 3030): ServeArgs {
  let values
  try {
    values = parseArgs({
      args: argv,
      options: {
        secret: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' },
        data: { type: 'string' }, static: { type: 'string' }, rebuild: { type: 'boolean' },
      },
      strict: true,
    }).values
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  // CLASS_SECRET is the documented way: a command-line argument is visible to every user of the machine in `ps`
  const secret = env.CLASS_SECRET || values.secret || ''
  const warnings: string[] = []
  if (values.secret !== undefined) warnings.push(env.CLASS_SECRET ? '--secret ignored: CLASS_SECRET is set and wins' : '--secret is visible to other users of this machine (ps); prefer CLASS_SECRET=… npm run class')
  if (!secret) throw new UsageError('a presenter secret is required: CLASS_SECRET=<S> npm run class (or --secret <S>). Students never see it.')
  if (secret.length < 6) throw new UsageError('the presenter secret must be at least 6 characters long')
  const databaseUrl = env.DATABASE_URL || undefined
  if (databaseUrl !== undefined) {
    if (!isPostgresUrl(databaseUrl)) throw new UsageError('DATABASE_URL must be a postgres:// (or postgresql://) URL; unset it to store the class in SQLite under --data')
    // pg parses it with URL and would fail with a bare "Invalid URL" at the first query; the URL itself is never echoed (its password)
    if (!URL.canParse(databaseUrl)) throw new UsageError('DATABASE_URL is not a valid URL: a user or password with / # ? @ : % or a space in it must be percent-encoded (encodeURIComponent), or choose a password without them (openssl rand -hex 16)')
    if (values.data !== undefined) warnings.push('--data ignored: DATABASE_URL is set, so the class is stored in PostgreSQL')
  }
  const operatorToken = env.OPERATOR_TOKEN || undefined
  if (operatorToken !== undefined && operatorToken.length < 24) throw new UsageError('OPERATOR_TOKEN must be at least 24 characters long (e.g. openssl rand -base64 24)')
  let trustProxy: TrustProxy, expiry: ExpiryRule
  try {
    trustProxy = parseTrustProxy(env.TRUST_PROXY)
    expiry = parseExpiry(env)
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  const port = Number(values.port ?? defaultPort)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer 0..65535, got "${values.port}"`)
  return {
    secret,
    port,
    host: values.host ?? '0.0.0.0',
    dataDir: resolve(values.data ?? DEFAULT_DATA_DIR),
    databaseUrl,
    staticDir: values.static ? resolve(values.static) : undefined,
    operatorToken,
    trustProxy,
    expiry,
    rebuild: values.rebuild ?? false,
    warnings,
  }
}

/** The usage of the two commands that take these arguments: `npm run class` (built deck + service, one room) and
 *  `npm run serve` (server/cli.ts, one process of a hosted service), each printed under its own name. */
export const usage = (command: 'class' | 'serve') => `usage: CLASS_SECRET=S [DATABASE_URL=postgres://…] npm run ${command} [-- --port P] [--host H] [--data DIR] ${command === 'class' ? '[--rebuild]' : '[--static DIR]'}   (--secret S also works, with a warning; without DATABASE_URL the class is stored in SQLite under --data)\n`
  + '  hosted (server/README.md, "Hosting the class for a department"): OPERATOR_TOKEN, TRUST_PROXY, ROOM_IDLE_DAYS, ROOM_DELETE_DAYS, also from the environment'

/** The deployment's settings in words, printed at start by `npm run class` and `npm run serve`: what an operator set in
 *  the environment (or did not) shows, rather than being found out later. */
export function describeSettings(a: Pick<ServeArgs, 'expiry' | 'trustProxy'>): string[] {
  return [`Rooms: ${describeExpiry(a.expiry)}.`, `Proxies: ${describeTrustProxy(a.trustProxy)}.`]
}
