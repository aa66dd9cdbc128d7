// Makes brotli and gzip copies of a built deck's text assets once (at build or class start), so the class server
// sends each student compressed bytes without compressing per request; and counts what a student downloads.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs'
import { join, relative } from 'node:path'

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt)$/i

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? files(p) : [p]
  })
}

/** Writes `f.br` and `f.gz` beside every compressible file that lacks them or is newer; returns how many it wrote. */
export function precompress(dir: string): number {
  let n = 0
  for (const f of files(dir)) {
    if (!COMPRESSIBLE.test(f)) continue
    const m = statSync(f).mtimeMs
    const stale = (alt: string) => !existsSync(alt) || statSync(alt).mtimeMs < m
    if (!stale(`${f}.br`) && !stale(`${f}.gz`)) continue
    const raw = readFileSync(f)
    writeFileSync(`${f}.br`, brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }))
    writeFileSync(`${f}.gz`, gzipSync(raw, { level: 9 }))
    n++
  }
  return n
}

/** What one student downloads to follow the whole lecture (every slide's code is fetched by the end), in bytes:
 *  raw, and as sent to a browser that accepts brotli. Source maps and the precompressed copies themselves excluded. */
export function lectureBytes(dir: string): { files: number; raw: number; brotli: number } {
  let raw = 0, brotli = 0, count = 0
  for (const f of files(dir)) {
    if (/\.(br|gz|map)$/.test(f) || relative(dir, f).startsWith('.')) continue
    const size = statSync(f).size
    raw += size
    brotli += COMPRESSIBLE.test(f) && existsSync(`${f}.br`) ? statSync(`${f}.br`).size : size
    count++
  }
  return { files: count, raw, brotli }
}
