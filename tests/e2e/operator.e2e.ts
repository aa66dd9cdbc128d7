// The operator's page (issue 20 item 2) in Chromium: /operator, paste the token, create a room (its secret shown once,
// never stored in the tab), list, export (a JSON download) and close it. A wrong token is said and forgotten.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { classRoom } from './classRoom'

const TOKEN = `e2e-operator-${Math.random().toString(36).slice(2)}-0123456789`
const room = classRoom('operator', { operatorToken: TOKEN })

describe('the operator page', () => {
  it('signs in with the token, creates a room and shows its secret once, exports and closes it', async () => {
    const page = await room.open('/operator')
    await page.locator('#token').fill('a-wrong-token-of-enough-length-000')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.locator('#error').textContent()).toMatch(/operator token missing or wrong/)
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0)

    await page.locator('#token').fill(TOKEN)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('button', { name: 'Create a room' }).click()
    const secret = page.locator('#made-secret')
    await expect.poll(() => secret.textContent()).toMatch(/^[A-Za-z0-9_-]{24}$/)
    const made = (await page.locator('#made-code').textContent())!.replace(' ', '')
    const shown = (await secret.textContent())!
    // the secret is the room's presenter, and it is nowhere in the tab's storage
    expect((await fetch(`${room.url}/api/session/rooms/${made}/auth`, { headers: { Authorization: `Bearer ${shown}` } })).status).toBe(200)
    expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }))).not.toContain(shown)
    expect(await page.evaluate(() => document.cookie)).toBe('')
    await expect.poll(() => page.locator(`tr[data-code="${made}"]`).textContent()).toMatch(/open/)

    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: `Export room ${made.slice(0, 3)} ${made.slice(3)}` }).click()
    const file = await (await download).path()
    const exported = JSON.parse(readFileSync(file, 'utf8'))
    expect(exported).toMatchObject({ room: { code: made, closedAt: null }, students: 0 })
    expect(JSON.stringify(exported)).not.toContain(shown)

    page.once('dialog', (d) => void d.accept())
    await page.getByRole('button', { name: `Close room ${made.slice(0, 3)} ${made.slice(3)}` }).click()
    await expect.poll(() => page.locator(`tr[data-code="${made}"]`).textContent()).not.toMatch(/open/)
    expect((await fetch(`${room.url}/api/session/rooms/${made}/state`)).status).toBe(410)

    // "Done, hide it" removes the secret from the page; a reload keeps the token (this tab) but never the secret
    await page.getByRole('button', { name: 'Done, hide it' }).click()
    expect(await page.content()).not.toContain(shown)
    await page.reload()
    await expect.poll(() => page.locator('#signed-in').isVisible()).toBe(true)
    expect(await page.content()).not.toContain(shown)
  })
})
