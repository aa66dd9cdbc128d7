// `npm run bake-results -- --data DIR [--room CODE] [--out public/baked-results.json]`: writes the last class's results
// (counts only) where the static build picks them up; rebuild the deck afterwards. With DATABASE_URL=postgres://… set,
// the results are read from PostgreSQL instead of the SQLite data folder.
import { existsSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { BAKED_RESULTS } from '../server/api.ts'
import { DEFAULT_DATA_DIR } from '../server/args.ts'
import { bake } from '../server/bake.ts'
import { DEFAULT_POLLS } from '../server/defaultPolls.ts'
import { isPostgresUrl, normalizeRoomCode, openStore } from '../server/store.ts'

try {
  const { values } = parseArgs({ options: { data: { type: 'string' }, out: { type: 'string' }, room: { type: 'string' } } })
  const dataDir = resolve(values.data ?? DEFAULT_DATA_DIR)
  const databaseUrl = process.env.DATABASE_URL || undefined
  if (databaseUrl !== undefined && !isPostgresUrl(databaseUrl)) throw new Error('DATABASE_URL must be a postgres:// URL (or unset, to read --data)')
  if (!databaseUrl && !existsSync(join(dataDir, 'session.sqlite'))) throw new Error(`no class-session data in ${dataDir} (use --data DIR)`)
  const out = resolve(values.out ?? `public${BAKED_RESULTS}`)
  const store = await openStore({ dataDir, databaseUrl })
  // one room's class: --room CODE, else the default room (the one `npm run class` opens)
  const baked = await (async () => {
    const code = values.room === undefined ? (await store.defaultRoom()).code : normalizeRoomCode(values.room)
    if (code === null || !(await store.findRoom(code))) throw new Error(`no room with code "${values.room}" in ${store.where}`)
    return bake(store.room(code), DEFAULT_POLLS)
  })().finally(() => store.close())
  writeFileSync(out, JSON.stringify(baked, null, 2) + '\n')
  const summary = Object.values(baked.polls).map((d) => `${d.poll}: ${d.count} answers (round ${d.round})`)
  if (baked.contracts) {
    const games = Object.values(baked.contracts.games).reduce((n, g) => n + (g?.count ?? 0), 0)
    summary.push(`${baked.contracts.contracts.length} contracts and ${games} game results (recipes and counts only)`)
  }
  console.log(`baked ${summary.length ? summary.join(', ') : 'no answers'} into ${out}; rebuild the deck to ship it`)
} catch (e) {
  console.error(`error: ${(e as Error).message}`)
  process.exit(2)
}
