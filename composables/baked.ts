// The last live class baked into this build (`npm run bake-results`): what a recorded lecture shows where there is no
// class service. One fetch for the locks' distributions and the class's contracts, parsed with the contract's schema.
import { BAKED_RESULTS, Baked } from '../server/api'
import { deckBase } from './sessionApi'

const NONE: Baked = { bakedAt: null, polls: {} }

let baked: Promise<Baked> | null = null
/** The baked file (an empty one in a build never baked); a file that is missing or not the contract's reads as none,
 *  and the console says why, rather than a slide showing half of it. */
export function bakedFile(): Promise<Baked> {
  baked ??= fetch(`${deckBase()}${BAKED_RESULTS.slice(1)}`)
    .then((r) => (r.ok ? r.json() : NONE))
    .then((j) => {
      const b = Baked.safeParse(j)
      if (!b.success) console.warn(`${BAKED_RESULTS} is not the contract's shape; showing no baked results: ${b.error.message}`)
      return b.success ? b.data : NONE
    })
    .catch(() => NONE)
  return baked
}
