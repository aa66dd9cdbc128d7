// Runs a benchmark on the engine as the deck ships it: bundled by esbuild without `keepNames` (tsx keeps function names,
// which wraps every closure in a name-setting call and roughly doubles the engine's time), then executed by node.
// Usage: node bench/run.mjs bench/engine.bench.ts [args…]
import { build } from 'esbuild'
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { basename } from 'node:path'

const [entry, ...args] = process.argv.slice(2)
if (!entry) { console.error('usage: node bench/run.mjs <entry.ts> [args…]'); process.exit(2) }
mkdirSync('node_modules/.cache/bench', { recursive: true })
const outfile = `node_modules/.cache/bench/${basename(entry, '.ts')}.mjs`
await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, keepNames: false, logLevel: 'error' })
const r = spawnSync(process.execPath, [outfile, ...args], { stdio: 'inherit' })
process.exit(r.status ?? 1)
