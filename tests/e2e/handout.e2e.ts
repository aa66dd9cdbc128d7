// The handout's pages (issue 22 #5): the deck built as `npm run export:handout -- --track edge` builds it (the track in
// VITE_HANDOUT_TRACK) and shown in Slidev's print mode, as the exporter prints it: every lock slide carries, after each
// question, the engine's key and explanation for that track, and no answer form. (The PDF itself is Chromium printing
// these pages; `npm run export:handout` writes it.)
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { preview, type PreviewServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOCKS, lockAnswer, TRACKS, type LockId } from '../../engine/index.ts'
import { label } from '../../logic/lockGap'
import { launchChromium, lockSlide } from './deck'

const TRACK = 'edge'
const dir = mkdtempSync(join(tmpdir(), 'handout-e2e-'))
let server: PreviewServer
let browser: Browser
let base = ''

beforeAll(async () => {
  execFileSync('npx', ['slidev', 'build', '--out', dir], { stdio: 'ignore', env: { ...process.env, VITE_HANDOUT_TRACK: TRACK } })
  server = await preview({ configFile: false, logLevel: 'warn', build: { outDir: dir }, preview: { host: '127.0.0.1', port: 0 } })
  base = server.resolvedUrls!.local[0].replace(/\/$/, '')
  browser = await launchChromium()
}, 240_000)
afterAll(async () => {
  await browser?.close()
  await server?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe(`the handout for ${TRACK}`, () => {
  it.each([['quantization', 'quantizationAccuracy'], ['sparsity'], ['distillation']] as LockId[][])('the lock of %s: question, then key and explanation', async (...ids) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
    await page.goto(`${base}/${await lockSlide(ids[0])}?print=true`, { waitUntil: 'networkidle' })
    // the print view lays out every slide: this lock's own box
    const lock = page.locator(`.prediction-lock[data-lock="${ids[0]}"]`).first()
    await expect.poll(() => lock.locator('[data-testid="handout-key"]').count(), { timeout: 10_000 }).toBe(ids.length)
    expect(await lock.locator('form').count()).toBe(0)
    for (const [i, id] of ids.entries()) {
      const part = lock.locator(`[data-part="${id}"]`)
      const a = lockAnswer(TRACK, id)
      expect(await part.locator('.question').textContent()).toBe(LOCKS[id].question)
      const key = await lock.locator('[data-testid="handout-key"]').nth(i).textContent()
      expect(key).toContain(`Key for ${TRACKS[TRACK].name}`)
      expect(key).toContain(label(LOCKS[id], a.value))
      expect(key!.replace(/\s+/g, ' ')).toContain(a.explanation.slice(-30))
    }
    await page.close()
  })
})
