// The layering of ARCHITECTURE §2 is enforced by eslint.config.js (run by `npm test` as `npm run lint`): each forbidden
// import below fails, and the allowed ones pass.
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname })
async function problems(filePath: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath })
  return r.messages.map((m) => m.ruleId ?? m.message)
}

// the first lint loads ESLint's config and the TypeScript parser: seconds on a loaded 2-core machine
describe('layering (eslint)', { timeout: 30_000 }, () => {
  it.each([
    ['engine → vue', 'engine/x.ts', "import { ref } from 'vue'\nexport const a = ref"],
    ['engine → client code', 'engine/x.ts', "import { sig } from '../logic/format'\nexport const a = sig"],
    ['engine → node', 'engine/x.ts', "import { readFileSync } from 'node:fs'\nexport const a = readFileSync"],
    ['engine → node, unprefixed', 'engine/x.ts', "import { readFileSync } from 'fs'\nexport const a = readFileSync"],
    ['engine → the lab', 'engine/x.ts', "import { TEACHER } from '../lab'\nexport const a = TEACHER"],
    ['component → engine internals', 'composables/x.ts', "import { k } from '../engine/constants'\nexport const a = k"],
    ['client → server code', 'composables/x.ts', "import { startClassServer } from '../server/app.ts'\nexport const a = startClassServer"],
    ['client → server types past the shared vocabulary', 'components/x.ts', "import type { Distribution } from '../server/aggregate'\nexport type A = Distribution"],
    ['logic → vue', 'logic/x.ts', "import { ref } from 'vue'\nexport const a = ref"],
    ['logic → a composable', 'logic/x.ts', "import { useDeckState } from '../composables/deckState'\nexport const a = useDeckState"],
    ['one lecture part → another', 'logic/sparsity.ts', "import { comparison } from './ledger'\nexport const a = comparison"],
    ['one lecture part → another, with its extension', 'logic/sparsity.ts', "import { comparison } from './ledger.ts'\nexport const a = comparison"],
    ['one lecture part → another, through logic/', 'logic/distillation.ts', "import { gameTarget } from '../logic/sparsity'\nexport const a = gameTarget"],
    ['server → client code', 'server/x.ts', "import { useDeckState } from '../composables/deckState'\nexport const a = useDeckState"],
  ])('%s is refused', async (_name, file, code) => {
    expect(await problems(file, code)).toContain('no-restricted-imports')
  })
  it('generic engine code that asks which track it is on is refused (track behaviour is data in engine/tracks)', async () => {
    expect(await problems('engine/x.ts', "export const f = (id: string) => (id === 'tiny' ? 1 : 2)")).toContain('no-restricted-syntax')
    expect(await problems('engine/tracks/x.ts', "export const id = 'tiny'")).not.toContain('no-restricted-syntax')
  })
  it('a track id in backquotes is refused too', async () => {
    expect(await problems('engine/x.ts', 'export const f = (id: string) => (id === `tiny` ? 1 : 2)\n')).toContain('no-restricted-syntax')
    expect(await problems('engine/x.ts', 'export type T = `edge`\n')).toContain('no-restricted-syntax')
    expect(await problems('engine/x.ts', 'export const f = (id: string) => `${id}-tiny`\n')).toEqual([])
  })
  it('a table keyed by track ids is refused in generic engine code, and allowed in the track table', async () => {
    expect(await problems('engine/x.ts', 'export const perTrack = { cloud: 1, edge: 2 }\n')).toContain('no-restricted-syntax')
    expect(await problems('engine/x.ts', 'export interface PerTrack { tiny?: number }\n')).toContain('no-restricted-syntax')
    expect(await problems('engine/tracks/x.ts', 'export const perTrack = { cloud: 1, edge: 2 }\n')).toEqual([])
    // a key that only contains an id, or an id in a computed key's expression (a variable), is no track id
    expect(await problems('engine/x.ts', 'const edge = 1\nexport const a = { edges: 2, [edge]: 3 }\n')).toEqual([])
  })
  it.each([
    ['a global', 'composables/x.ts', "export const a = () => localStorage.getItem('k')\n", 'no-restricted-globals'],
    ["the window's", 'composables/x.ts', "export const a = () => window.sessionStorage.setItem('k', 'v')\n", 'no-restricted-properties'],
    ["globalThis's", 'logic/x.ts', "export const a = () => globalThis.localStorage?.getItem('k')\n", 'no-restricted-properties'],
    ['in a component', 'components/X.vue', "<script setup lang=\"ts\">\nconst a = sessionStorage.getItem('k')\n</script>\n\n<template>\n  <p>{{ a }}</p>\n</template>\n", 'no-restricted-globals'],
  ])("the browser's storage used directly (%s) is refused outside composables/storage.ts", async (_name, file, code, rule) => {
    expect(await problems(file, code)).toContain(rule)
  })
  it("composables/storage.ts and the tests' set-up reach the browser's storage directly", async () => {
    expect(await problems('composables/storage.ts', 'export const a = () => globalThis.localStorage\n')).toEqual([])
    expect(await problems('tests/components/x.test.ts', "localStorage.setItem('k', 'v')\n")).toEqual([])
  })
  it.each([
    ['markup indented off the 2-space step', '<template>\n  <div>\n     <p>x</p>\n  </div>\n</template>\n', 'vue/html-indent'],
    ['an attribute in single quotes', "<template>\n  <p class='x'>x</p>\n</template>\n", 'vue/html-quotes'],
    ['a mustache without its spaces', '<template>\n  <p>{{x}}</p>\n</template>\n', 'vue/mustache-interpolation-spacing'],
    ["an expression spaced off the scripts' format", '<template>\n  <p :title="f(a,b)">x</p>\n</template>\n', 'vue/comma-spacing'],
    ["an object literal spaced off the scripts' format", '<template>\n  <p :class="{a: b}">x</p>\n</template>\n', 'vue/object-curly-spacing'],
  ])('a template off the format (%s) is refused', async (_name, code, rule) => {
    expect(await problems('components/X.vue', code)).toContain(rule)
  })
  it('a template in the format passes', async () => {
    const code = '<script setup lang="ts">\nconst a = 1\n</script>\n\n<template>\n  <div class="x">\n    <p :title="`${a} s`" :class="{ on: a > 0 }">{{ a }}</p>\n  </div>\n</template>\n'
    expect(await problems('components/X.vue', code)).toEqual([])
  })
  it("code off the repository's format is refused (ESLint Stylistic: single quotes, no semicolons, 2-space indent)", async () => {
    expect(await problems('logic/x.ts', 'export const a = "x";\n')).toEqual(expect.arrayContaining(['@stylistic/quotes', '@stylistic/semi']))
    expect(await problems('logic/x.ts', "export const a = 'x'\n")).toEqual([])
  })
  it('an import of a package not declared in package.json is refused (no phantom dependencies)', async () => {
    expect(await problems('composables/x.ts', "import pm from 'picomatch'\nexport const a = pm")).toContain('n/no-extraneous-import')
  })
  it.each([
    ['engine → engine', 'engine/x.ts', "import { k } from './constants'\nexport const a = k\n"],
    ['client → the engine index', 'composables/x.ts', "import { evaluate } from '../engine'\nexport const a = evaluate\n"],
    ["client → the service's shared vocabulary", 'composables/x.ts', "import { CONTRACTS_POLL, type Distribution } from '../server/api'\nexport const a: [string, Distribution?] = [CONTRACTS_POLL]\n"],
    ['a lecture part → the shared formatting', 'logic/sparsity.ts', "import { sig } from './format'\nexport const a = sig\n"],
  ])('%s is allowed', async (_name, file, code) => {
    expect(await problems(file, code)).toEqual([])
  })
})
