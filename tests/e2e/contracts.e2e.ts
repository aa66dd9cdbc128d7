// Issue 13 in Chromium: a presenter and four students on mixed tracks. Each student submits the contract on the ledger
// (one changes it), a bad contract is refused with the engine's message, the presenter sees the room live while
// students see only the count, closes and reveals; then every student sees each contract where the engine puts it.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { classFrontier } from '../../logic/classFrontier'
import { archetypes, baselineRecipe, GAME_MAX_TRIES, stateToQuery, TRACKS } from '../../engine/index.ts'
import type { Recipe, TrackId } from '../../engine/index.ts'
import { classRoom } from './classRoom'
import { slidesWith, slideNo } from './deck'

const room = classRoom('contracts')
const { open } = room
const query = (track: TrackId, recipe: Recipe) => `?${new URLSearchParams(stateToQuery({ track, recipe }) as Record<string, string>)}`

describe('the class on the frontier, live', () => {
  it('presenter and four students on mixed tracks: submit → change → refuse → close → reveal', async () => {
    const [ledger] = await slidesWith('<SiliconLedger')
    const [frontier] = await slidesWith('<ClassFrontier')
    const [game] = await slidesWith('<ClassGame')
    // the presenter unlocks on the ledger slide: that publishes it, and students follow there
    const presenter = await open(`/presenter/${ledger}`)
    const chip = presenter.locator('[data-testid="class-chip"]')
    await chip.locator('input[type="password"]').fill(room.secret)
    await chip.getByRole('button', { name: 'Unlock controls' }).click()
    await expect.poll(() => chip.textContent()).toMatch(/students follow your slide/)
    await expect.poll(() => presenter.locator('[data-testid="submit-contract"]').count()).toBe(0) // the presenter never submits

    // four students, three tracks: the engine's light archetype on tiny and edge, the heavy one on cloud, tiny's baseline
    const picks: { track: TrackId; recipe: Recipe }[] = [
      { track: 'tiny', recipe: archetypes('tiny').light!.recipe },
      { track: 'edge', recipe: archetypes('edge').light!.recipe },
      { track: 'cloud', recipe: archetypes('cloud').heavy!.recipe },
      { track: 'tiny', recipe: { ...baselineRecipe('tiny'), precision: 'int8' } },
    ]
    const students = await Promise.all(picks.map((p) => open(`/1${query(p.track, p.recipe)}`)))
    for (const s of students) await expect.poll(() => slideNo(s), { timeout: 10_000 }).toBe(ledger)

    const box = (s: Page) => s.locator('[data-testid="submit-contract"]').filter({ visible: true }).first()
    for (const s of students) {
      await expect.poll(() => box(s).getAttribute('data-state'), { timeout: 10_000 }).toBe('unsent')
      await box(s).getByRole('button', { name: 'Submit my contract' }).click()
      await expect.poll(() => box(s).getAttribute('data-state')).toBe('sent')
      expect(await box(s).textContent()).toMatch(/✓ Sent\. You may change it until contracts close\./)
    }
    // the last student changes their mind: back to the baseline, then sends again (replaces, does not add)
    const changer = students[3]
    await changer.getByRole('button', { name: /Reset recipe/ }).click()
    await expect.poll(() => box(changer).getAttribute('data-state')).toBe('stale')
    await box(changer).getByRole('button', { name: 'Send my changed contract' }).click()
    await expect.poll(() => box(changer).getAttribute('data-state')).toBe('changed')
    picks[3] = { track: 'tiny', recipe: baselineRecipe('tiny') }

    // a bad contract from a student's browser: 400 with the engine's message, nothing stored; game results for the histogram
    const refused = await students[0].evaluate(async () => {
      const r = await fetch('/api/session/contract', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ track: 'tiny', recipe: { precision: 'int8', sparsity: 0.95, pattern: 'unstructured', student: 'baseline', distill: false, temperature: 4 } }) })
      return { status: r.status, body: await r.json() }
    })
    expect(refused).toEqual({ status: 400, body: { error: 'sparsity: must be between 0 and 0.9, got 0.95', code: 'invalid' } })
    const games = [[3, true], [GAME_MAX_TRIES, false], [5, true]] as const
    for (const [i, [triesUsed, found]] of games.entries()) {
      const st = await students[[0, 1, 3][i]].evaluate(async (b) => (await fetch('/api/session/game', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b) })).status,
        { track: picks[[0, 1, 3][i]].track, triesUsed, found })
      expect(st).toBe(200)
    }

    // the presenter moves on: the presenter sees the room live, students only the count
    await presenter.locator('body').press('ArrowRight')
    for (const s of students) await expect.poll(() => slideNo(s), { timeout: 10_000 }).toBe(frontier)
    const live = presenter.locator('[data-instrument="ClassFrontier"]').filter({ visible: true }).first()
    await expect.poll(() => live.locator('[data-testid="contract-count"]').textContent(), { timeout: 10_000 }).toMatch(/4 contracts · 3 games in · OPEN/)
    await expect.poll(() => live.locator('figure.class-plot').count()).toBe(3)
    for (const s of students) {
      const v = s.locator('[data-instrument="ClassFrontier"]').filter({ visible: true }).first()
      await expect.poll(() => v.locator('[data-testid="class-status"]').textContent()).toMatch(/4 contracts in — the presenter reveals/)
      expect(await v.locator('figure.class-plot').count()).toBe(0)
      expect(await s.evaluate(async () => (await fetch('/api/session/contracts')).status)).toBe(403)
    }

    // close: a late change is refused and said plainly; reveal: every student sees the room as the engine evaluates it
    await live.getByRole('button', { name: 'Close contracts' }).click()
    await expect.poll(() => live.locator('[data-testid="contract-count"]').textContent()).toMatch(/CLOSED/)
    await live.getByRole('button', { name: 'Reveal to the class' }).click()
    const expected = classFrontier(picks).rooms
    for (const s of students) {
      const v = s.locator('[data-instrument="ClassFrontier"]').filter({ visible: true }).first()
      await expect.poll(() => v.getAttribute('data-phase'), { timeout: 10_000 }).toBe('revealed')
      await expect.poll(() => v.locator('figure.class-plot').count()).toBe(expected.length)
      for (const r of expected) {
        const fig = v.locator(`figure.class-plot[data-track="${r.track}"]`)
        expect(await fig.getAttribute('data-points')).toBe(String(r.points.length))
        const row = (await v.locator(`[data-testid="class-counts"] tr[data-track="${r.track}"]`).textContent())!.replace(/\s+/g, ' ')
        expect(row).toBe(`${TRACKS[r.track].name}${(['heavy', 'light', 'other'] as const).map((k) => `${r.counts[k].inSpec} / ${r.counts[k].out}`).join('')}`.replace(/\s+/g, ' '))
        const best = await v.locator(`[data-testid="class-best"][data-track="${r.track}"]`).textContent()
        for (const p of r.best) expect(best).toContain(p.label)
      }
      expect(await v.textContent()).not.toMatch(/sc_voter|voter/)
    }

    // the game slide, revealed with the contracts: per track in the room the share who found the window, and a line
    // for the Cloud student who sent no game (issue 19 #13: no track of the room is left out)
    await presenter.locator('body').press('ArrowRight')
    for (const s of students) await expect.poll(() => slideNo(s), { timeout: 10_000 }).toBe(game)
    const g = students[2].locator('[data-instrument="ClassGame"]').filter({ visible: true }).first()
    await expect.poll(() => g.locator('[data-testid="game-track"]').count(), { timeout: 10_000 }).toBe(3)
    expect(await g.locator('[data-testid="game-track"][data-track="cloud"] figcaption').textContent()).toBe(`${TRACKS.cloud.name}: no game results in yet`)
    expect(await g.locator('[data-testid="game-track"][data-track="tiny"] figcaption').textContent()).toBe(`${TRACKS.tiny.name}: 100% found the window (2 of 2 students)`)
    expect(await g.locator('[data-testid="game-track"][data-track="edge"] figcaption').textContent()).toBe(`${TRACKS.edge.name}: 0% found the window (0 of 1 student)`)

    // a student browses back to the ledger: the contracts are closed, and the slide says so with what the class has
    for (let i = 0; i < game - ledger; i++) await students[0].locator('body').press('ArrowLeft')
    await expect.poll(() => slideNo(students[0])).toBe(ledger)
    await expect.poll(() => box(students[0]).getAttribute('data-state'), { timeout: 10_000 }).toBe('closed')
    expect(await box(students[0]).getByRole('button').isDisabled()).toBe(true)
    expect(await box(students[0]).textContent()).toMatch(/Contracts closed.*Closed: the class has the one you sent\./)
  })
})
