// The paths and links the contract builds (server/api.ts), against the shapes server/README.md documents: a room's
// endpoints under /api/session/rooms/<code>/, the default room's under /api/session/, the student's link /?room=<code>,
// the presenter's /presenter/1?room=<code>, the join page /join. The code keeps its leading zero.
import { describe, expect, it } from 'vitest'
import { joinLink, operatorPath, presenterLink, roomPrefix, studentLink } from '../../server/api.ts'

describe('the contract\'s paths and links', () => {
  it('operator endpoints and a room\'s prefix', () => {
    expect(operatorPath('listRooms')).toBe('/api/session/rooms')
    expect(operatorPath('createRoom')).toBe('/api/session/rooms')
    expect(operatorPath('closeRoom', '012345')).toBe('/api/session/rooms/012345')
    expect(operatorPath('exportRoom', '012345')).toBe('/api/session/rooms/012345/export')
    expect(roomPrefix('012345')).toBe('/api/session/rooms/012345/')
    expect(roomPrefix(null)).toBe('/api/session/')
  })
  it('the links printed and shown for a room', () => {
    const root = 'http://10.0.0.5:3030/'
    expect(studentLink(root, '012345')).toBe('http://10.0.0.5:3030/?room=012345')
    expect(presenterLink(root, '012345')).toBe('http://10.0.0.5:3030/presenter/1?room=012345')
    expect(joinLink(root)).toBe('http://10.0.0.5:3030/join')
  })
})
