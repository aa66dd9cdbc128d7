// public/join.html and public/operator.html are served as-is, without a bundler, so their scripts cannot import
// server/api.ts: each copies the declarations it uses, one `const NAME = …` line each under the name api.ts gives it.
// This test evaluates each copied line and holds it to the declaration of that name (a value equal, a function giving
// the same answers), so a path, a query key or a link shape changed in api.ts fails here instead of drifting silently.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as api from '../../server/api.ts'

/** The page's inline script's `const NAME = …` lines (one line each), evaluated in order, each seeing those before it. */
function copiedDeclarations(page: string): Record<string, unknown> {
  const html = readFileSync(new URL(`../../public/${page}`, import.meta.url), 'utf8')
  const script = html.slice(html.indexOf('<script>'), html.indexOf('</script>'))
  const scope: Record<string, unknown> = {}
  for (const [, name, expr] of script.matchAll(/^ {4}const ([A-Za-z_]+) = (.+)$/gm)) {
    if (!Object.hasOwn(api, name)) continue // the page's own (its elements, its root), not a copy
    scope[name] = new Function(...Object.keys(scope), `return (${expr})`)(...Object.values(scope))
  }
  return scope
}

const ROOTS = ['https://class.example.edu/', 'http://10.0.0.2:3030/lecture/']
const CODES = ['482913', '000001']
type Fn = (...a: string[]) => unknown

/** What each copied declaration must equal: the value itself, or the answers of the function on sample inputs. */
const SAME_AS: Record<string, (copy: unknown) => void> = {
  LIVE_PROBE: (copy) => expect(copy).toBe(api.LIVE_PROBE),
  ROOMS_PREFIX: (copy) => expect(copy).toBe(api.ROOMS_PREFIX),
  ROOM_QUERY: (copy) => expect(copy).toBe(api.ROOM_QUERY),
  JOIN_QUERY: (copy) => expect(copy).toBe(api.JOIN_QUERY),
  ROOM_CODE: (copy) => expect(String(copy)).toBe(String(api.ROOM_CODE)),
  OPERATOR_ENDPOINTS: (copy) => expect(copy).toEqual(Object.fromEntries(Object.entries(api.OPERATOR_ENDPOINTS).map(([e, { method, place }]) => [e, { method, place }]))),
  operatorPath: (copy) => {
    for (const e of Object.keys(api.OPERATOR_ENDPOINTS) as api.OperatorEndpoint[])
      for (const code of [...CODES, '482 913']) expect((copy as Fn)(e, code), e).toBe((api.operatorPath as Fn)(e, code))
  },
  endpointPath: (copy) => {
    for (const code of CODES) for (const e of ['state', 'answer'] as const) expect((copy as Fn)(e, code)).toBe(api.endpointPath(e, code))
  },
  normalizeRoomCode: (copy) => {
    for (const typed of ['482 913', '482-913', ' 482913 ', '48291', '4829134', 'abcdef', '../../x', '']) expect((copy as Fn)(typed), typed).toBe(api.normalizeRoomCode(typed))
  },
  spacedRoomCode: (copy) => { for (const code of CODES) expect((copy as Fn)(code)).toBe(api.spacedRoomCode(code)) },
  studentLink: (copy) => { for (const root of ROOTS) for (const code of CODES) expect((copy as Fn)(root, code)).toBe(api.studentLink(root, code)) },
  presenterLink: (copy) => { for (const root of ROOTS) for (const code of CODES) expect((copy as Fn)(root, code)).toBe(api.presenterLink(root, code)) },
  joinLink: (copy) => { for (const root of ROOTS) expect((copy as Fn)(root)).toBe(api.joinLink(root)) },
}

describe.each([
  // what each page reaches: join checks the code with the service and opens the deck in the room; the operator's page
  // calls the operator's endpoints and shows a new room's links
  ['join.html', ['LIVE_PROBE', 'ROOMS_PREFIX', 'endpointPath', 'ROOM_CODE', 'normalizeRoomCode', 'ROOM_QUERY', 'studentLink', 'JOIN_QUERY']],
  ['operator.html', ['ROOMS_PREFIX', 'OPERATOR_ENDPOINTS', 'operatorPath', 'ROOM_QUERY', 'studentLink', 'presenterLink', 'joinLink', 'spacedRoomCode']],
])('public/%s copies server/api.ts faithfully', (page, names) => {
  const copies = copiedDeclarations(page)
  it('copies the declarations it uses, and nothing under an api.ts name that it does not check', () => {
    expect(Object.keys(copies).sort()).toEqual([...names].sort())
  })
  it.each(names)('%s is the same as server/api.ts\'s', (name) => {
    SAME_AS[name](copies[name])
  })
})
