// Rooms in Chromium (issue 20): the operator creates a room; a student joins it by typing its code at /join; the room's
// presenter (its own secret) sees the code and its QR and moves that room's decks only; the default room is untouched.
import { describe, expect, it } from 'vitest'
import { classRoom } from './classRoom'
import { slideNo } from './deck'

const TOKEN = `e2e-operator-${Math.random().toString(36).slice(2)}-0123456789`
const room = classRoom('rooms', { operatorToken: TOKEN })
const { open } = room

describe('rooms', () => {
  it('a student joins by code at /join; the room\'s presenter shows the code and QR and moves that room only', async () => {
    const made = await (await fetch(`${room.url}/api/session/rooms`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } })).json()
    expect(made.code).toMatch(/^[0-9]{6}$/)

    // a wrong code is said on the join page, before the deck opens
    const wrong = await open('/join')
    const unused = made.code === '000000' ? '000001' : '000000'
    await wrong.locator('#code').fill(unused)
    await wrong.getByRole('button', { name: 'Join' }).click()
    await expect.poll(() => wrong.locator('#error').textContent()).toMatch(/no room with code/)

    const student = await open('/join')
    await student.locator('#code').fill(`${made.code.slice(0, 3)} ${made.code.slice(3)}`)
    await student.getByRole('button', { name: 'Join' }).click()
    await student.waitForURL(new RegExp(`room=${made.code}`))
    const home = await open('/1') // a deck of the default room

    const presenter = await open(`/presenter/3?room=${made.code}`)
    const chip = presenter.locator('[data-testid="class-chip"]')
    await expect.poll(() => chip.locator('[data-testid="room-code"]').textContent()).toContain(`Room ${made.code.slice(0, 3)} ${made.code.slice(3)}`)
    await chip.locator('input[type="password"]').fill(made.secret)
    await chip.getByRole('button', { name: 'Unlock controls' }).click()
    await expect.poll(() => chip.textContent()).toMatch(/students follow your slide/)
    await expect.poll(() => slideNo(student), { timeout: 10_000 }).toBe(3)
    await chip.locator('[data-testid="room-qr-toggle"]').click()
    expect(await presenter.locator('[data-testid="room-big"] svg').count()).toBe(1)

    // the default room's deck and presenter position did not move
    expect(await slideNo(home)).toBe(1)
    expect((await (await fetch(`${room.url}/api/session/state`)).json()).presenter.seq).toBe(0)
    expect((await (await fetch(`${room.url}/api/session/rooms/${made.code}/state`)).json()).presenter.slide).toBe(3)
  })

  it('the projector\'s cover slide shows the room\'s code, the /join address and a QR code of its link', async () => {
    const made = await (await fetch(`${room.url}/api/session/rooms`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } })).json()
    const projector = await open(`/1?room=${made.code}`)
    const card = projector.locator('[data-testid="join-card"]')
    await expect.poll(() => card.textContent()).toContain(`${made.code.slice(0, 3)} ${made.code.slice(3)}`)
    expect(await card.textContent()).toContain(`${new URL(room.url).host}/join`)
    expect(await card.locator('svg').count()).toBe(1)
    // a deck with no class service (recorded viewers) shows no card: tests/e2e/smoke.e2e.ts
  })
})
