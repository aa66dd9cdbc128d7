// The baked file is read once and parsed with the contract's schema: a file of another shape shows nothing, not half.
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { GAME_MAX_TRIES } from '../../engine'

const file = vi.hoisted(() => ({ status: 200, body: null as unknown, fetched: 0 }))
vi.stubGlobal('fetch', async () => {
  file.fetched++
  return new Response(JSON.stringify(file.body), { status: file.status })
})
beforeEach(() => {
  vi.resetModules()
  Object.assign(file, { status: 200, fetched: 0 })
})
afterEach(() => { vi.restoreAllMocks() })

const load = async () => {
  const [{ bakedResults }, { bakedContracts }] = await Promise.all([import('../../composables/useLock'), import('../../composables/useClassContracts')])
  return { polls: await bakedResults(), contracts: await bakedContracts() }
}

it('one fetch serves the locks and the contracts', async () => {
  const quantization = { poll: 'quantization', round: 2, kind: 'number', count: 1, values: [2] }
  const contracts = { contracts: [], games: { tiny: { count: 1, found: [1], notFound: 0 } }, maxTries: GAME_MAX_TRIES }
  file.body = { bakedAt: '2026-11-30T10:00:00Z', polls: { quantization }, contracts }
  expect(await load()).toEqual({ polls: { quantization }, contracts: { bakedAt: '2026-11-30T10:00:00Z', contracts } })
  expect(file.fetched).toBe(1)
})

it('a file that is not the contract\'s reads as none, and the console says why', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  file.body = { bakedAt: null, polls: { quantization: { poll: 'quantization', count: 'three' } } }
  expect(await load()).toEqual({ polls: {}, contracts: { bakedAt: null, contracts: null } })
  expect(warn).toHaveBeenCalledWith(expect.stringContaining('baked-results.json is not the contract'))
})

it('a build without the file (404) has none, quietly', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  file.status = 404
  file.body = {}
  expect(await load()).toEqual({ polls: {}, contracts: { bakedAt: null, contracts: null } })
  expect(warn).not.toHaveBeenCalled()
})
