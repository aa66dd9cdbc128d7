// Issue 19 (the second rehearsal), the deck's side: what a student and the presenter saw on screen, at the sizes named.
import type { Locator, Page } from 'playwright-core'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { classRoom } from './classRoom'
import { launchChromium, lockSlide, slidesWith } from './deck'

const room = classRoom('rehearsal2')
const baseUrl = inject('baseUrl')
const box = async (l: Locator) => (await l.boundingBox())!
const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
const control = (action: string, poll: string) => fetch(`${room.url}/api/session/control`, {
  method: 'POST', headers: { 'Content-Type': 'application/json', 'Authorization': `Bearer ${room.secret}` }, body: JSON.stringify({ action, poll }),
})

describe('a student at 1366×768 whose answer arrives after the lock (#9)', () => {
  it('sees the whole late-answer line and every option inside the lock, nothing scrolled away', async () => {
    const n = await lockSlide('quantization')
    const s = await room.open(`/${n}?track=edge`)
    await s.setViewportSize({ width: 1366, height: 768 })
    const lock = s.locator('#slide-content [data-lock="quantization"]').first()
    await expect.poll(() => lock.getAttribute('data-phase')).toBe('open')
    await lock.locator('input[type="number"]').fill('2.1')
    await lock.locator('label.lock-option').last().click()
    for (const poll of ['quantization', 'quantizationAccuracy']) expect((await control('lock', poll)).status).toBe(200)
    await expect.poll(() => lock.locator('[data-testid="lock-race"]').textContent(), { timeout: 10_000 }).toMatch(/2\.1×; A collapse/)
    const frame = await box(lock)
    for (const el of [...await lock.locator('[data-testid="lock-race"]').all(), lock.locator('label.lock-option').last()]) {
      const b = await box(el)
      expect(b.y + b.height).toBeLessThanOrEqual(frame.y + frame.height)
      expect(await el.isVisible()).toBe(true)
    }
    const form = lock.locator('form.lock-question')
    expect(await form.evaluate((f) => f.scrollHeight - f.clientHeight)).toBeLessThanOrEqual(1)
  })
})

describe('the presenter view of the class slides (#12)', () => {
  it('"Live class: students follow your slide" covers none of the contract counts', async () => {
    const [n] = await slidesWith('<ClassGame')
    const p = await room.open(`/presenter/${n}`)
    const chip = p.locator('[data-testid="class-chip"]')
    await chip.locator('input[type="password"]').fill(room.secret)
    await chip.getByRole('button', { name: 'Unlock controls' }).click()
    await expect.poll(() => chip.textContent()).toMatch(/students follow your slide/)
    const count = p.locator('[data-testid="contract-count"]').filter({ visible: true }).first()
    await expect.poll(() => count.textContent()).toMatch(/contracts · 0 games in/)
    expect(overlap(await box(chip), await box(count))).toBe(false)
  })
})

describe('a viewer without a track (#3) and the distillation answer card (#11), on the static deck', () => {
  const browser = launchChromium({ trackChosen: false })
  afterAll(async () => (await browser).close())
  const page = async (): Promise<Page> => (await browser).newPage({ viewport: { width: 1280, height: 720 } })

  it('a late joiner landing mid-deck is asked for a track, chooses with the keyboard, and keeps it on reload', async () => {
    const p = await page()
    const [n] = await slidesWith('<DistillationWorkbench')
    await p.goto(`${baseUrl}/${n}`, { waitUntil: 'networkidle' })
    const dialog = p.getByRole('dialog', { name: 'Pick your track' })
    await expect.poll(() => dialog.isVisible()).toBe(true)
    await p.keyboard.press('ArrowRight')
    await p.keyboard.press('Enter')
    await expect.poll(() => dialog.count()).toBe(0)
    await expect.poll(() => p.locator('#slide-content [data-testid="track-badge"]').first().textContent()).toMatch(/Edge Guardian/)
    expect(new URL(p.url()).pathname).toBe(`/${n}`) // the keys chose a track; they did not turn the slide
    await p.goto(`${baseUrl}/${n + 1}`, { waitUntil: 'networkidle' })
    expect(await dialog.count()).toBe(0)
    await expect.poll(() => p.locator('#slide-content [data-testid="track-badge"]').first().textContent()).toMatch(/Edge Guardian/)
    await p.close()
  })

  it('the engine\'s answer, once revealed, covers no column of the table', async () => {
    const p = await page()
    await p.addInitScript(() => {
      localStorage.setItem('silicon-contract:track', '"edge"')
      localStorage.setItem('silicon-contract:lock:distillation', JSON.stringify({ value: 0, revealed: true }))
    })
    const [n] = await slidesWith('<DistillationWorkbench')
    await p.goto(`${baseUrl}/${n}?track=edge`, { waitUntil: 'networkidle' })
    const bench = p.locator('#slide-content [data-instrument="DistillationWorkbench"]').first()
    const answer = bench.locator('[data-testid="lock-answer"]')
    await expect.poll(() => answer.isVisible()).toBe(true)
    expect(overlap(await box(answer), await box(bench.locator('[data-testid="contenders"]')))).toBe(false)
    await p.close()
  })
})
