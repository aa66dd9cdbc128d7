// A live class in Chromium: the built deck served by the class server, one presenter and three students in
// separate browser contexts take the quantization lock from open to revealed; students follow the presenter.
import { readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { DEFAULT_POLLS } from '../../server/defaultPolls.ts'
import { classRoom } from './classRoom'
import { lockSlide, slideNo } from './deck'

const distDir = inject('distDir')
const room = classRoom('session')
const { open } = room

const lockBox = (p: Page) => p.locator('#slide-content [data-lock="quantization"]').first()

describe('live class session', () => {
  it('no served file contains the secret', async () => {
    const all = readdirSync(distDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
    expect(all.length).toBeGreaterThan(5)
    for (const f of all) {
      const res = await fetch(`${room.url}/${relative(distDir, f).split('\\').join('/')}`)
      expect(res.status, f).toBe(200)
      expect(Buffer.from(await res.arrayBuffer()).includes(room.secret), f).toBe(false)
    }
    expect(await (await fetch(`${room.url}/session-live.json`)).json()).toEqual({ live: true })
  })

  it('presenter and three students: open → locked → revealed, and students follow the presenter', async () => {
    const n = await lockSlide('quantization')
    const students = [await open('/1'), await open('/1'), await open('/2')]
    const presenter = await open(`/presenter/${n}`)

    // the presenter unlocks the controls with the secret; that also publishes the slide: students follow
    const controls = presenter.locator('[data-testid="presenter-controls"]').filter({ visible: true }).first()
    await controls.locator('input[type="password"]').fill(room.secret)
    await controls.getByRole('button', { name: 'Unlock controls' }).click()
    await expect.poll(() => controls.textContent()).toMatch(/0 answers in/)
    for (const s of students) await expect.poll(() => slideNo(s), { timeout: 10_000 }).toBe(n)

    // each student commits a prediction of both parts of lock 1 with one button; students see only the count
    for (const [i, s] of students.entries()) {
      const box = lockBox(s)
      await expect.poll(() => box.getAttribute('data-phase')).toBe('open')
      await box.locator('input[type="number"]').fill(String([1.5, 2, 3][i])) // the footprint part asks for a factor (×)
      await box.locator('label.lock-option').nth(i).click() // the accuracy part: one of four bands
      await box.getByRole('button', { name: 'Lock in my prediction' }).click()
      await expect.poll(() => box.textContent()).toMatch(/answer sent/)
    }
    await expect.poll(() => controls.textContent()).toMatch(/3 answers in/)
    for (const s of students) {
      await expect.poll(() => lockBox(s).textContent()).toMatch(/3 answers in/)
      expect(await lockBox(s).locator('.lock-bars').count()).toBe(0)
      expect(await s.locator('[data-testid="presenter-controls"]').count()).toBe(0)
    }

    // a student cannot read the distribution, reveal or move the class
    const hostile = await students[0].evaluate(async () => {
      const post = (b: unknown) => fetch('/api/session/control', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b) })
      return [
        (await fetch('/api/session/results?poll=quantization')).status,
        (await post({ action: 'reveal', poll: 'quantization' })).status,
        (await post({ action: 'goto', slide: 1, clicks: 0 })).status,
      ]
    })
    expect(hostile).toEqual([403, 401, 401])

    // lock: students' inputs close
    await controls.getByRole('button', { name: 'Lock', exact: true }).click()
    for (const s of students) {
      await expect.poll(() => lockBox(s).getAttribute('data-phase')).toBe('locked')
      expect(await lockBox(s).getByRole('button', { name: /Change my answer/ }).isDisabled()).toBe(true)
    }

    // one Reveal for both parts: the answer keys, the class distributions, the student's own answers and the gaps
    await controls.getByRole('button', { name: 'Reveal' }).click()
    for (const [i, s] of students.entries()) {
      const box = lockBox(s)
      const [factor, accuracy] = ['quantization', 'quantizationAccuracy'].map((p) => box.locator(`.lock-reveal[data-part="${p}"]`))
      await expect.poll(() => box.getAttribute('data-phase')).toBe('revealed')
      await expect.poll(() => factor.locator('.lock-bars').textContent()).toMatch(/3 answers/)
      expect(await factor.locator('.gap').textContent()).toMatch(/^you predicted [\d.]+×, the hardware gives [\d.]+×: ([\d.]+% too (high|low)|spot on \(within 5%\))$/)
      expect(await factor.locator('.lock-bars').textContent()).toMatch(/median 2 ×/)
      await expect.poll(() => accuracy.locator('.lock-bars').textContent()).toMatch(/3 answers/)
      expect(await accuracy.locator('.gap').textContent()).toContain(`you chose “${DEFAULT_POLLS.quantizationAccuracy.options![i]}”`)
      expect(await accuracy.locator('.lock-bars .row').allTextContents()).toEqual(DEFAULT_POLLS.quantizationAccuracy.options!.map((o, j) =>
        expect.stringContaining(`${o}${j < 3 ? '1 (33%)' : '0 (0%)'}`)))
    }

    // a student browses away, gets the button, and follows again
    const s0 = students[0]
    await s0.locator('body').press('ArrowRight')
    await s0.locator('body').press('ArrowRight')
    await expect.poll(() => slideNo(s0)).not.toBe(n)
    const follow = s0.locator('[data-testid="follow-presenter"]')
    await follow.click()
    await expect.poll(() => slideNo(s0)).toBe(n)

    // a late joiner lands on the presenter's slide and sees the revealed lock
    const late = await open('/1')
    await expect.poll(() => slideNo(late), { timeout: 10_000 }).toBe(n)
    await expect.poll(() => lockBox(late).getAttribute('data-phase')).toBe('revealed')

    // the presenter moves on: everybody follows
    await presenter.locator('body').press('ArrowRight')
    for (const s of [...students, late]) await expect.poll(() => slideNo(s), { timeout: 10_000 }).toBeGreaterThan(n)

    // the service is stopped and restarted mid-vote on the next lock: nothing acknowledged is lost,
    // an answer sent while it is down is retried, and every deck reconnects
    // the presenter's browser crashes and the printed URL /presenter/1 is reopened: the tab joins the class where it is
    // instead of sending the room back to slide 1
    const classAt = slideNo(students[0])
    await presenter.goto(`${room.url}/presenter/1`)
    await expect.poll(() => slideNo(presenter), { timeout: 10_000 }).toBe(classAt)
    for (const s of students) expect(slideNo(s)).toBe(classAt)
    // then walks the class on to the next lock
    const d = await lockSlide('distillation')
    while (slideNo(presenter) < d) { // a key, then the slide it moved to (a press while the route is changing could be lost)
      const from = slideNo(presenter)
      await presenter.locator('body').press('ArrowRight')
      await expect.poll(() => slideNo(presenter)).toBe(from + 1)
    }
    expect(slideNo(presenter)).toBe(d)
    for (const s of students) await expect.poll(() => slideNo(s), { timeout: 10_000 }).toBe(d)
    const choose = async (s: Page, i: number) => {
      const box = s.locator('[data-lock="distillation"]').filter({ visible: true })
      await box.locator('label.lock-option').nth(i).click()
      await box.getByRole('button', { name: 'Lock in my prediction' }).click()
      return box
    }
    // choose once, then wait: retrying the click inside the poll would look for a button already renamed "Change my answer"
    const box0 = await choose(students[0], 0)
    await expect.poll(() => box0.textContent(), { timeout: 15_000 }).toMatch(/answer sent/)
    await room.stop()
    const pending = choose(students[1], 2)
    await new Promise((ok) => setTimeout(ok, 500))
    await room.start()
    const box1 = await pending
    await expect.poll(() => box1.textContent(), { timeout: 15_000 }).toMatch(/answer sent/)
    for (const s of students)
      await expect.poll(() => s.locator('[data-lock="distillation"]').filter({ visible: true }).textContent(), { timeout: 15_000 }).toMatch(/2 answers in/)

    // an outage while the presenter moves: the move reaches the class once the service is back
    await room.stop()
    for (const p of [presenter, ...students]) await expect.poll(() => p.locator('[data-testid="reconnecting"], [data-testid="class-chip"] .down').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await presenter.locator('body').press('ArrowRight')
    await expect.poll(() => slideNo(presenter)).toBe(d + 1)
    await new Promise((ok) => setTimeout(ok, 300))
    await room.start()
    for (const s of students) await expect.poll(() => slideNo(s), { timeout: 15_000 }).toBe(d + 1)
  })
})
