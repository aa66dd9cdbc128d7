// The deck's room (issue 20): the code comes from the link (?room=…, what /join and the printed URLs carry), is kept in
// the tab for reloads and links without it, and addresses the API under /api/session/rooms/CODE/; without one the deck
// talks to the service's default room as before rooms. The presenter view shows the code and, on demand, its QR code.
import { mount } from '@vue/test-utils'
import { afterEach, expect, it } from 'vitest'
import { apiUrl, roomCode } from '../../composables/sessionApi'
import RoomCode from '../../components/RoomCode.vue'
import { normalizeRoomCode } from '../../server/api'

const at = (search: string) => window.history.replaceState(null, '', `/3${search}`)
afterEach(() => {
  sessionStorage.clear()
  at('')
})

it('without a room the API is the default room\'s, as before rooms', () => {
  expect(roomCode()).toBeNull()
  expect(apiUrl('state')).toBe('/api/session/state')
})

it('a link\'s room addresses that room, and stays after the link loses it', () => {
  at('?track=edge&room=482-913')
  expect(roomCode()).toBe('482913')
  expect(apiUrl('answer')).toBe('/api/session/rooms/482913/answer')
  at('?track=edge')
  expect(apiUrl('events')).toBe('/api/session/rooms/482913/events')
})

it('a malformed code in a link is ignored (never sent into a path)', () => {
  at('?room=../../x')
  expect(roomCode()).toBeNull()
  expect(apiUrl('state')).toBe('/api/session/state')
  expect(normalizeRoomCode(' 482 913 ')).toBe('482913')
  expect(normalizeRoomCode('48291')).toBeNull()
})

it('the presenter view shows the code in two groups and, on demand, a QR code of the room\'s link', async () => {
  const w = mount(RoomCode, { props: { code: '482913' } })
  expect(w.text()).toContain('Room 482 913')
  expect(w.find('[data-testid="room-big"]').exists()).toBe(false)
  await w.find('[data-testid="room-qr-toggle"]').trigger('click')
  expect(w.find('[data-testid="room-big"] svg').exists()).toBe(true)
  expect(w.find('[data-testid="room-big"]').text()).toMatch(/Join at .*\/join/)
})
