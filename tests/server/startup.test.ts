// Start-up rules: no secret, no class; the data folder is never inside the served folder.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { describeSettings, parseServeArgs, UsageError } from '../../server/args.ts'
import { startClassServer } from '../../server/app.ts'
import { lectureBytes, precompress } from '../../server/precompress.ts'
import { describeUrl } from '../../server/pgStore.ts'
import { TEST_POLLS } from './fixtures/polls.ts'

describe('command line', () => {
  it('refuses to start without a secret, with a message saying how', () => {
    expect(() => parseServeArgs([], {})).toThrow(UsageError)
    expect(() => parseServeArgs([], {})).toThrow(/--secret/)
  })
  it('takes the secret from CLASS_SECRET (the documented way, no warning), and checks the port', () => {
    expect(parseServeArgs([], { CLASS_SECRET: 'abcdefg' })).toMatchObject({ secret: 'abcdefg', warnings: [] })
    expect(() => parseServeArgs(['--secret', 'abcdefg', '--port', 'http'], {})).toThrow(/--port/)
    expect(() => parseServeArgs(['--secret', 'abcdefg', '--bogus'], {})).toThrow(UsageError)
  })
  it('--secret still works, with a warning that never contains the secret; CLASS_SECRET wins over it', () => {
    const a = parseServeArgs(['--secret', 'abcdefg'], {})
    expect(a.secret).toBe('abcdefg')
    expect(a.warnings.join(' ')).toMatch(/ps/)
    expect(a.warnings.join(' ')).not.toContain('abcdefg')
    const b = parseServeArgs(['--secret', 'abcdefg'], { CLASS_SECRET: 'from-env' })
    expect(b.secret).toBe('from-env')
    expect(b.warnings.join(' ')).toMatch(/CLASS_SECRET/)
  })
  it('DATABASE_URL (from the environment only) picks PostgreSQL; anything but a postgres:// URL is refused', () => {
    expect(parseServeArgs([], { CLASS_SECRET: 'abcdefg' }).databaseUrl).toBeUndefined()
    const a = parseServeArgs(['--data', '/tmp/x'], { CLASS_SECRET: 'abcdefg', DATABASE_URL: 'postgres://u:pw@db.example:5432/class' })
    expect(a.databaseUrl).toBe('postgres://u:pw@db.example:5432/class')
    expect(a.warnings.join(' ')).toMatch(/--data ignored/)
    expect(a.warnings.join(' ')).not.toContain('pw')
    expect(() => parseServeArgs([], { CLASS_SECRET: 'abcdefg', DATABASE_URL: 'mysql://db/class' })).toThrow(/postgres:\/\//)
    expect(() => parseServeArgs(['--database-url', 'postgres://db/x'], { CLASS_SECRET: 'abcdefg' })).toThrow(UsageError)
  })
  it('npm run serve (server/cli.ts) refuses a bad start with its own usage, not npm run class\'s', async () => {
    const cli = join(import.meta.dirname, '../../server/cli.ts')
    const { CLASS_SECRET: _, ...env } = process.env
    await expect(promisify(execFile)(process.execPath, ['--import', 'tsx', cli], { env })).rejects.toMatchObject({
      code: 2, stderr: expect.stringMatching(/a presenter secret is required[\s\S]*usage: .*npm run serve \[-- --port P\].*\[--static DIR\]/),
    })
  })
  it('a DATABASE_URL whose password is not percent-encoded is refused at start, saying so, without echoing the password', () => {
    for (const pw of ['a/b@c', 'pa#ss']) {
      const env = { CLASS_SECRET: 'abcdefg', DATABASE_URL: `postgres://u:${pw}@db.example:5432/class` }
      expect(() => parseServeArgs([], env)).toThrow(/DATABASE_URL is not a valid URL.*percent-encoded/)
      expect(() => parseServeArgs([], env)).not.toThrow(pw)
      expect(parseServeArgs([], { ...env, DATABASE_URL: `postgres://u:${encodeURIComponent(pw)}@db.example:5432/class` }).databaseUrl).toContain('db.example')
    }
  })
  it('defaults: all interfaces, port 3030, data outside the repository', () => {
    const a = parseServeArgs(['--secret', 'abcdefg'], {})
    expect(a).toMatchObject({ host: '0.0.0.0', port: 3030 })
    expect(a.dataDir.startsWith(process.cwd())).toBe(false)
  })
})

describe('data folder', () => {
  it('a data folder inside the served folder is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'served-'))
    try {
      await expect(startClassServer({ secret: 'abcdefg', dataDir: join(dir, 'data'), staticDir: dir, polls: TEST_POLLS }))
        .rejects.toThrow(/inside the served folder/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
  it('the database is not reachable over HTTP', async () => {
    const root = mkdtempSync(join(tmpdir(), 'site-'))
    const data = mkdtempSync(join(tmpdir(), 'data-'))
    const s = await startClassServer({ secret: 'abcdefg', dataDir: data, staticDir: root, polls: TEST_POLLS })
    try {
      for (const p of ['/session.sqlite', '/../' + data.split('/').pop() + '/session.sqlite', '/api/session/session.sqlite'])
        expect((await fetch(s.url + p)).status).toBeGreaterThanOrEqual(400)
    } finally {
      await s.close()
      rmSync(root, { recursive: true, force: true })
      rmSync(data, { recursive: true, force: true })
    }
  })
})

describe('the settings said at start', () => {
  const said = (env: Record<string, string>) => describeSettings(parseServeArgs([], { CLASS_SECRET: 'abcdefg', ...env }))
  it('names the rooms\' expiry and the trusted proxies, as set or by default', () => {
    expect(said({})).toEqual([
      'Rooms: a room is closed after 30 days without activity; a closed room is deleted 60 days after it closed (the default room never expires).',
      'Proxies: no proxy trusted (TRUST_PROXY unset): X-Forwarded-* ignored, each client is its connection\'s peer.',
    ])
    expect(said({ ROOM_IDLE_DAYS: 'never', ROOM_DELETE_DAYS: '7', TRUST_PROXY: '1' })).toEqual([
      'Rooms: rooms never close by themselves; a closed room is deleted 7 days after it closed (the default room never expires).',
      'Proxies: X-Forwarded-For/-Proto believed through 1 proxy (TRUST_PROXY=1).',
    ])
    expect(said({ TRUST_PROXY: '127.0.0.1,::1' })[1]).toBe('Proxies: X-Forwarded-For/-Proto believed from 127.0.0.1,::1 (TRUST_PROXY).')
  })
})

describe('the PostgreSQL store', () => {
  it('its terminal line names host and database, never the password', () => {
    expect(describeUrl('postgres://class:s3cret-pw@db.example:6543/lectures')).toBe('PostgreSQL db.example:6543/lectures')
  })
})

describe('guessing the secret', () => {
  it('after 20 wrong secrets an address gets 429 for any secret, right or wrong (a guesser learns nothing); a presenter tab signed in before is never throttled (issue 19)', async () => {
    const s = await startClassServer({ secret: 'right-secret', dataDir: ':memory:', polls: TEST_POLLS })
    const ctl = (secret: string, cookie?: string) => fetch(s.url + '/api/session/control', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Authorization': `Bearer ${secret}`, ...(cookie ? { Cookie: cookie } : {}) },
      body: JSON.stringify({ action: 'lock', poll: 'quantization' }),
    })
    try {
      // the presenter signs in first: auth hands the tab its pass
      const auth = await fetch(s.url + '/api/session/auth', { headers: { Authorization: 'Bearer right-secret' } })
      expect(auth.status).toBe(200)
      const pass = (auth.headers.get('set-cookie') ?? '').split(';')[0]
      expect(pass).toMatch(/^sc_presenter=/)
      for (let i = 0; i < 20; i++) expect((await ctl(`guess-${i}`)).status).toBe(401)
      const r = await ctl('guess-20')
      expect(r.status).toBe(429)
      expect((await r.json()).error).toMatch(/too many/)
      expect((await (await fetch(s.url + '/api/session/state')).json()).polls.quantization.phase).toBe('open')
      // the right secret without the pass is answered like a wrong one: no oracle for a guesser
      expect((await ctl('right-secret')).status).toBe(429)
      // a forged pass is no pass
      expect((await ctl('right-secret', 'sc_presenter=forged')).status).toBe(429)
      // the presenter's tab, with its pass, is never throttled: a student behind the same NAT cannot lock them out
      expect((await ctl('right-secret', pass)).status).toBe(200)
      expect((await (await fetch(s.url + '/api/session/state')).json()).polls.quantization.phase).toBe('locked')
      // and the pass is no secret: with a wrong secret it still controls nothing
      expect((await ctl('guess-21', pass)).status).toBe(401)
    } finally {
      await s.close()
    }
  })
})

describe('the deck as a whole room downloads it', () => {
  it('is precompressed once (brotli, gzip), sent compressed to browsers that accept it, hashed assets cached for good', async () => {
    const root = mkdtempSync(join(tmpdir(), 'deck-'))
    const data = mkdtempSync(join(tmpdir(), 'data-'))
    mkdirSync(join(root, 'assets'))
    const js = `export const slides = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `slide ${i} of the silicon contract`))}\n`
    writeFileSync(join(root, 'assets', 'index-abc123.js'), js)
    writeFileSync(join(root, 'index.html'), '<!doctype html><script type="module" src="/assets/index-abc123.js"></script>')
    expect(precompress(root)).toBe(2)
    expect(precompress(root)).toBe(0) // already done
    const bytes = lectureBytes(root)
    expect(bytes.files).toBe(2)
    expect(bytes.brotli).toBeLessThan(bytes.raw / 3)
    const s = await startClassServer({ secret: 'abcdefg', dataDir: data, staticDir: root, polls: TEST_POLLS })
    try {
      const asset = await fetch(`${s.url}/assets/index-abc123.js`, { headers: { 'Accept-Encoding': 'br, gzip' } })
      expect(asset.headers.get('content-encoding')).toBe('br')
      expect(asset.headers.get('cache-control')).toContain('immutable')
      expect(await asset.text()).toBe(js) // fetch decodes it: the same file
      const page = await fetch(`${s.url}/`, { headers: { 'Accept-Encoding': 'gzip' } })
      expect(page.headers.get('content-encoding')).toBe('gzip')
      expect(page.headers.get('cache-control')).toBe('no-cache') // a rebuild reaches everyone
    } finally {
      await s.close()
      rmSync(root, { recursive: true, force: true })
      rmSync(data, { recursive: true, force: true })
    }
  })
})
