// The newcomer's map stays true: every top-level folder has a README, every file docs/map.md and those READMEs name
// exists, every engine name in the map is one engine/index.ts exports, and every component a page mounts has a row.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import * as engine from '../../engine'

const root = fileURLToPath(new URL('../..', import.meta.url))
const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\n').filter(Boolean)
/** public/ has no README on purpose: every file in it is served with the deck */
const NO_README = new Set(['public'])
const folders = [...new Set(tracked.filter((f) => f.includes('/')).map((f) => f.split('/')[0]))]
  .filter((d) => !d.startsWith('.') && !NO_README.has(d))
const read = (path: string) => readFileSync(join(root, path), 'utf8')
const map = read('docs/map.md')
/** `…` spans naming a file (a path or a file name with an extension) */
const fileNames = (text: string) => [...text.matchAll(/`([\w./-]+\.(?:ts|vue|md|mjs|sh|json|js))`/g)].map((m) => m[1])
const basenames = new Set(tracked.map((f) => basename(f)))

describe('the map for newcomers', () => {
  it('every top-level folder has a README', () => {
    expect(folders).toEqual(expect.arrayContaining(['components', 'composables', 'engine', 'logic', 'server', 'tests']))
    expect(folders.filter((d) => !existsSync(join(root, d, 'README.md')))).toEqual([])
  })
  it('every file docs/map.md names exists (paths from the repository root)', () => {
    const named = fileNames(map).filter((f) => f.includes('/'))
    expect(named.length).toBeGreaterThan(40)
    expect(named.filter((f) => !existsSync(join(root, f)))).toEqual([])
  })
  it.each(folders)('every file %s/README.md names exists (beside it, from the root, by that name somewhere, or served)', (folder) => {
    const readme = `${folder}/README.md`
    const missing = fileNames(read(readme)).filter((f) => !existsSync(join(root, dirname(readme), f)) && !existsSync(join(root, f))
      && !basenames.has(f) && !(f.startsWith('/') && existsSync(join(root, 'public', f))))
    expect(missing).toEqual([])
  })
  it("every name in the map's engine column is exported by engine/index.ts", () => {
    const rows = map.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| slide'))
    const names = rows.flatMap((row) => [...row.split('|')[5].matchAll(/`(\w+)`/g)].map((m) => m[1]))
    expect(names.length).toBeGreaterThan(20)
    expect(names.filter((n) => !(n in engine))).toEqual([])
  })
  it('every component a page mounts has a row in the map', () => {
    const pages = tracked.filter((f) => /^pages\/.*\.md$/.test(f) && f !== 'pages/README.md')
    const mounted = new Set(pages.flatMap((p) => [...read(p).matchAll(/<([A-Z]\w+)/g)].map((m) => m[1]))
      .filter((name) => existsSync(join(root, 'components', `${name}.vue`))))
    expect(mounted.size).toBeGreaterThan(10)
    expect([...mounted].filter((name) => !map.includes(`\`components/${name}.vue\``))).toEqual([])
  })
})
