// Lint: the layering of ARCHITECTURE §2, enforced (no-restricted-imports), over TypeScript and Vue files.
// engine/ imports nothing outside itself; server/ and lab/ import no client code; the client reaches the engine only
// through engine/index.ts and the service only through its shared vocabulary (server/api.ts); logic/ is pure (no Vue,
// vueuse, Slidev or chart.js) and no lecture part's logic imports another's. Besides: the browser's storage only through
// composables/storage.ts, no track ids in generic engine code, and one format (ESLint Stylistic) for scripts and templates.
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import vueParser from 'vue-eslint-parser'
import n from 'eslint-plugin-n'
import stylistic from '@stylistic/eslint-plugin'
import { builtinModules } from 'node:module'

const restrict = (patterns, message, paths = []) => ({
  'no-restricted-imports': ['error', {
    paths: paths.map((name) => ({ name, message })),
    patterns: patterns.map((p) => ({ ...p, message: p.message ?? message })),
  }],
})
const CLIENT = ['**/components/**', '**/composables/**', '**/logic/**', '**/layouts/**', '**/setup/**', '**/*.vue']
const UI_LIBS = ['vue', 'vue-*', '@vue/*', 'chart.js', 'chart.js/*', '@slidev/*', '@vueuse/*']

const CLIENT_PATTERNS = [
  { group: ['**/engine/*', '**/engine/**'], message: "the client reaches the engine only through engine/index.ts (import from '../engine')" },
  { group: ['**/server/*', '!**/server/api', '!**/server/api.ts'], message: 'the client imports nothing from server/ but its shared vocabulary, server/api.ts' },
]
const LOGIC_IS_PURE = { group: [...UI_LIBS, '**/components/**', '**/composables/**'], message: 'logic/ is pure: no Vue, vueuse, Slidev, chart.js or composables (wrap it in a composable instead)' }
/** logic/ modules that belong to one part of the lecture (part 1: quantization and the memory waterfall; part 2: sparsity
 *  and the speedup waterfall; part 3: distillation; the ledger); pareto, classFrontier, the locks' and format are shared */
const LECTURE_PARTS = ['quantization', 'memoryWaterfall', 'sparsity', 'speedupWaterfall', 'distillation', 'ledger']
/** every spelling that reaches a module: './sparsity', './sparsity.ts', '../logic/sparsity' */
const spellings = (name) => [`./${name}`, `./${name}.ts`, `**/logic/${name}`, `**/logic/${name}.ts`]
/** Node's own modules without the node: prefix (exact names: as a pattern, 'constants' would match './constants') */
const NODE_UNPREFIXED = builtinModules.filter((m) => !m.startsWith('_'))
const STORAGE_MESSAGE = "The browser's storage is reached only through composables/storage.ts (useCheckedStorage, useStoredString, storageArea)."

/** The repository's one format, ESLint Stylistic (Slidev's and vueuse's own choice), with the house's own settings: inline
 *  type literals separate members with ';', and short one-line guards (`try { … } catch { … }`) stay on one line. */
const STYLE = stylistic.configs.customize({ indent: 2, quotes: 'single', semi: false, braceStyle: '1tbs', arrowParens: true, commaDangle: 'always-multiline' })
const HOUSE_STYLE = {
  '@stylistic/member-delimiter-style': ['error', { multiline: { delimiter: 'none' }, singleline: { delimiter: 'semi', requireLast: false } }],
  '@stylistic/max-statements-per-line': ['error', { max: 3 }],
  '@stylistic/quotes': ['error', 'single', { avoidEscape: true, allowTemplateLiterals: 'always' }],
}
/** eslint-plugin-vue's template versions of the ESLint Stylistic rules (vue/comma-spacing, vue/object-curly-spacing, …),
 *  each with the scripts' own setting, so a `{{ … }}` or `:prop="…"` reads like the code around it */
const TEMPLATE_EXPRESSIONS = Object.fromEntries(Object.entries(vue.rules)
  .filter(([, rule]) => rule.meta.docs?.extensionSource?.name === 'ESLint Stylistic')
  .map(([name]) => [`vue/${name}`, { ...STYLE.rules, ...HOUSE_STYLE }[`@stylistic/${name}`]])
  .filter(([, setting]) => setting))
/** the markup's layout: 2-space indent, double-quoted attributes, spacing inside tags, mustaches and comments; no
 *  rule splits a line the code keeps on one (one attribute per line would double most components' templates) */
const TEMPLATE_MARKUP = {
  'vue/html-indent': ['error', 2, { alignAttributesVertically: false }],
  'vue/html-quotes': ['error', 'double'],
  'vue/html-closing-bracket-newline': 'error',
  'vue/html-closing-bracket-spacing': 'error',
  'vue/html-end-tags': 'error',
  'vue/html-comment-content-spacing': 'error',
  'vue/mustache-interpolation-spacing': 'error',
  'vue/no-multi-spaces': 'error',
  'vue/no-spaces-around-equal-signs-in-attribute': 'error',
  'vue/block-tag-newline': 'error',
  'vue/padding-line-between-blocks': 'error',
}

export default [
  // public/ is copied into the build as it is: its two pages (join.html, operator.html) are static HTML whose inline
  // scripts no bundler sees, so they cannot import server/api.ts or composables/storage.ts (operator.html keeps its token
  // in sessionStorage itself), and ESLint cannot read a script inside HTML without a plugin this repository does not
  // have. What they copy of the contract (paths, the room's query key, the links) is held to server/api.ts by
  // tests/server/publicPages.test.ts instead.
  { ignores: ['node_modules/**', 'dist/**', 'dist-e2e/**', 'dist-export/**', '.slidev/**', 'public/**', 'screenshots/**'] },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin },
  },
  ...vue.configs['flat/base'],
  // one formatter for the repository, run by `npm run lint` (`npx eslint . --fix` formats)
  { files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.vue'], ...STYLE },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.vue'],
    rules: { ...HOUSE_STYLE, 'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }] },
  },
  // templates in the same format: their markup indented and spaced as eslint-plugin-vue lays it out, their expressions
  // by eslint-plugin-vue's copies of the ESLint Stylistic rules, set exactly as the scripts' rules are
  { files: ['**/*.vue'], rules: { ...TEMPLATE_MARKUP, ...TEMPLATE_EXPRESSIONS } },
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' } },
    plugins: { '@typescript-eslint': tseslint.plugin },
  },
  {
    // every package the code imports is declared in package.json (no phantom dependencies)
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.vue'],
    plugins: { n },
    rules: { 'n/no-extraneous-import': 'error' },
  },
  {
    files: ['engine/**/*.ts'],
    rules: restrict([{ group: [...UI_LIBS, ...CLIENT, '**/server', '**/server/**', '**/lab', '**/lab/**', 'node:*'] }],
      'engine/ is pure TypeScript: it imports nothing outside engine/ (no Vue, chart.js, Slidev, DOM, Node or client code)', NODE_UNPREFIXED),
  },
  {
    // track behaviour is data (engine/tracks/*: story, machine, budgets); generic engine code never asks which track
    files: ['engine/**/*.ts'],
    ignores: ['engine/tracks/**', 'engine/params.ts', 'engine/types.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        // a quoted id, or one in backquotes (`tiny`, a template literal with nothing interpolated)
        selector: ':matches(Literal[value=/^(cloud|edge|mobile|tiny)$/], :matches(TemplateLiteral, TSTemplateLiteralType)[quasis.length=1] > TemplateElement[value.cooked=/^(cloud|edge|mobile|tiny)$/])',
        message: "no track ids in generic engine code: put the behaviour in the track's spec (engine/tracks/, TrackSpec.story)",
      }, {
        // a table keyed by track, `{ cloud: 1, edge: 2 }` or `{ edge?: number }`: the per-track values belong in the
        // tracks' specs too (a quoted key, `{ 'edge': 2 }`, is a Literal and refused above)
        selector: ':matches(Property, TSPropertySignature)[computed=false] > Identifier.key[name=/^(cloud|edge|mobile|tiny)$/]',
        message: "no tables keyed by track id in generic engine code: put the per-track value in the track's spec (engine/tracks/)",
      }],
    },
  },
  {
    // the browser's storage has one home, composables/storage.ts: it survives storage that is blocked or full, falls
    // back to this page's memory, never mixes the two areas, and checks what it reads back (tests set storage up directly)
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.vue'],
    ignores: ['composables/storage.ts', 'tests/**'],
    rules: {
      'no-restricted-globals': ['error', ...['localStorage', 'sessionStorage'].map((name) => ({ name, message: STORAGE_MESSAGE }))],
      'no-restricted-properties': ['error', ...['localStorage', 'sessionStorage'].map((property) => ({ property, message: STORAGE_MESSAGE }))],
    },
  },
  {
    files: ['server/**/*.ts', 'lab/**/*.ts'],
    rules: restrict([{ group: [...UI_LIBS, ...CLIENT] }], 'server/ and lab/ import no client code'),
  },
  {
    files: ['components/**', 'composables/**', 'logic/**', 'layouts/**', 'setup/**', '*.vue'],
    ignores: ['setup/vite-plugins.ts'], // Node: the dev server's plugin that mounts the class service
    rules: { 'no-restricted-imports': ['error', { patterns: CLIENT_PATTERNS }] },
  },
  {
    // logic/ holds the view-models: pure functions of the engine that vitest reaches without a DOM or a Vue app
    files: ['logic/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...CLIENT_PATTERNS, LOGIC_IS_PURE] }] },
  },
  // the lecture's parts stand alone: what two parts share lives in logic/format.ts or the engine
  ...LECTURE_PARTS.map((part) => ({
    files: [`logic/${part}.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: [...CLIENT_PATTERNS, LOGIC_IS_PURE,
      { group: LECTURE_PARTS.filter((p) => p !== part).flatMap(spellings), message: 'one lecture part imports nothing from another: move what both need to logic/format.ts or the engine' }] }] },
  })),
]
