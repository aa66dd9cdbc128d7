// Issue 22 #3 in Chromium: a student in a live class answers the distillation lock, the presenter locks and reveals it and
// moves the class to the takeaway slide, and the student downloads their takeaway: their answer against the engine's key
// for their track, the engine's explanation, and the class's figure from the live reveal.
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { LOCKS, lockAnswer, TRACKS } from '../../engine/index.ts'
import { describeGap, label } from '../../logic/lockGap'
import { classRoom } from './classRoom'
import { launchChromium, lockSlide, slideNo, slidesWith } from './deck'

const room = classRoom('takeaway')

/** the presenter's moves and controls, as the presenter view sends them (POST /control with the secret) */
const control = (p: Page, body: object) => p.evaluate(async ({ body, secret }) => (await fetch('/api/session/control', {
  method: 'POST', headers: { 'Content-Type': 'application/json', 'Authorization': `Bearer ${secret}` }, body: JSON.stringify(body),
})).status, { body, secret: room.secret })

describe('a student\'s takeaway after a live reveal', () => {
  it('answers, sees the reveal, downloads the takeaway with the key, the gap and the class\'s figure', async () => {
    const d = await lockSlide('distillation')
    const [takeaway] = await slidesWith('<StudentTakeaway')
    const student = await room.open('/1?track=edge')
    expect(await control(student, { action: 'goto', slide: d, clicks: 0 })).toBe(200)
    await expect.poll(() => slideNo(student), { timeout: 10_000 }).toBe(d)

    const box = student.locator('[data-lock="distillation"]').filter({ visible: true })
    await box.locator('label.lock-option').nth(3).click()
    await box.locator('[data-testid="lock-confidence"] label').nth(2).click() // sure
    await box.getByRole('button', { name: 'Lock in my prediction' }).click()
    await expect.poll(() => box.textContent(), { timeout: 15_000 }).toMatch(/answer sent/)
    for (const action of ['lock', 'reveal']) expect(await control(student, { action, poll: 'distillation' })).toBe(200)
    await expect.poll(() => box.getAttribute('data-phase'), { timeout: 10_000 }).toBe('revealed')
    // the room's calibration at the reveal: one sure answer, judged against Edge Guardian's key
    const wrong = lockAnswer('edge', 'distillation').value !== 3
    await expect.poll(() => box.locator('[data-testid="lock-calibration"]').textContent(), { timeout: 10_000 })
      .toBe(`By confidence: sure 1 (${wrong ? 1 : 0} wrong) — confident and wrong: ${wrong ? 1 : 0} of 1 (${wrong ? 100 : 0}%)`)
    // the line sits above the bars, and every option, the last included, is drawn inside the lock: nothing overlaps
    const boxes = await box.evaluate((el) => {
      const r = (e: Element | null) => e?.getBoundingClientRect() ?? null
      const rows = [...el.querySelectorAll('.lock-bars .row')]
      return { lock: r(el), calibration: r(el.querySelector('[data-testid="lock-calibration"]')), first: r(rows[0]), last: r(rows[rows.length - 1]) }
    })
    expect(boxes.calibration!.bottom).toBeLessThanOrEqual(boxes.first!.top)
    expect(boxes.last!.bottom).toBeLessThanOrEqual(boxes.lock!.bottom)

    expect(await control(student, { action: 'goto', slide: takeaway, clicks: 0 })).toBe(200)
    await expect.poll(() => slideNo(student), { timeout: 10_000 }).toBe(takeaway)
    const page = student.locator('[data-instrument="StudentTakeaway"]').filter({ visible: true })
    const key = lockAnswer('edge', 'distillation')
    const def = LOCKS.distillation
    await expect.poll(() => page.locator('tr[data-lock="distillation"]').textContent(), { timeout: 10_000 }).toContain('Class: 1 answer')

    const [download] = await Promise.all([student.waitForEvent('download'), page.getByRole('button', { name: /Markdown/ }).click()])
    expect(download.suggestedFilename()).toBe('silicon-contract-takeaway-edge.md')
    const md = readFileSync((await download.path())!, 'utf8')
    expect(md).toContain(`# My takeaway — The Silicon Contract, ${TRACKS.edge.name}`)
    expect(md).toContain(`- My answer: ${label(def, 3)} (sure)`)
    expect(md).toContain(`- Key (${TRACKS.edge.name}): ${label(def, key.value)}`)
    expect(md).toContain(`- Gap: ${describeGap(def, 3, key.value)}`)
    expect(md).toContain(`- Why: ${key.explanation}`)
    expect(md).toContain(`- Class: 1 answer; ${key.value === 3 ? 1 : 0} (${key.value === 3 ? '100' : '0'}%) chose “${label(def, key.value)}”.`)

    // the presenter's report of the room (secret entered in the presenter view), on the room's-ten-tries slide
    const [game] = await slidesWith('<InstructorReport')
    // a presenter tab joins the class where it is: the class moves to the game slide first
    expect(await control(student, { action: 'goto', slide: game, clicks: 0 })).toBe(200)
    await expect.poll(() => slideNo(student), { timeout: 10_000 }).toBe(game)
    const presenter = await room.open(`/presenter/${game}`)
    const chip = presenter.locator('[data-testid="class-chip"]')
    await chip.locator('input[type="password"]').fill(room.secret)
    await chip.getByRole('button', { name: 'Unlock controls' }).click()
    const report = presenter.locator('[data-testid="instructor-report"]').filter({ visible: true }).first()
    const [json] = await Promise.all([presenter.waitForEvent('download'), report.getByRole('button', { name: /JSON/ }).click()])
    const r = JSON.parse(readFileSync((await json.path())!, 'utf8'))
    const lock = r.locks.find((l: { id: string }) => l.id === 'distillation')
    expect(lock).toMatchObject({ phase: 'revealed', count: 1 })
    expect(lock.calibration[0]).toMatchObject({ track: 'edge', answers: 1, right: wrong ? '0 (0%)' : '1 (100%)' })
    expect(JSON.stringify(r)).not.toMatch(/voter/)
    // the student, on the same slide, has no report button
    await expect.poll(() => student.locator('[data-instrument="ClassGame"]').filter({ visible: true }).count()).toBe(1)
    expect(await student.locator('[data-testid="instructor-report"]').count()).toBe(0)
  })
})

describe('a recorded viewer\'s takeaway', () => {
  it('answers a lock on their own (with how sure), and the closing slide\'s link keeps their track', async () => {
    const browser = await launchChromium()
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
      const d = await lockSlide('distillation')
      const [closing] = await slidesWith('<TakeawayLink')
      const [takeaway] = await slidesWith('<StudentTakeaway')
      await page.goto(`${inject('baseUrl')}/${d}?track=tiny`)
      const box = page.locator('[data-lock="distillation"]').filter({ visible: true })
      await box.locator('label.lock-option').nth(1).click()
      await box.locator('[data-testid="lock-confidence"] label').nth(2).click()
      await box.getByRole('button', { name: 'Lock in my prediction' }).click()
      await expect.poll(() => box.getAttribute('data-phase')).toBe('locked')

      await page.goto(`${inject('baseUrl')}/${closing}?track=tiny`)
      await page.locator('[data-testid="takeaway-link"]').filter({ visible: true }).click()
      await expect.poll(() => slideNo(page)).toBe(takeaway)
      expect(new URL(page.url()).searchParams.get('track')).toBe('tiny')
      const row = page.locator('[data-instrument="StudentTakeaway"] tr[data-lock="distillation"]').filter({ visible: true })
      await expect.poll(() => row.textContent()).toContain(`${label(LOCKS.distillation, 1)} (sure)`)
      expect(await row.locator('.key').textContent()).toBe(label(LOCKS.distillation, lockAnswer('tiny', 'distillation').value))
    } finally {
      await browser.close()
    }
  })
})
