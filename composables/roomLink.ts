// Where a room is joined (issue 20): the link that carries its code (for a QR code) and the /join page's address (to
// read aloud or type), both from the deck's own origin and base, so they hold wherever the deck is served.
import { renderSVG } from 'uqr'
import { joinLink, studentLink } from '../server/api'
import { deckBase } from './sessionApi'

export const roomLink = (code: string) => studentLink(`${globalThis.location?.origin ?? ''}${deckBase()}`, code)
export const joinAddress = () => joinLink(`${globalThis.location?.host ?? ''}${deckBase()}`)
/** An SVG QR code of the room's link, made here from the code (no outside input reaches the markup). */
export const roomQrSvg = (code: string) => renderSVG(roomLink(code), { border: 2 })
