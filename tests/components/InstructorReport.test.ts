// The instructor's report button (issue 22 #4): only in the presenter's tab of a live class; it reads the service's
// presenter endpoints (results per lock at its current round, contracts) and exports the report as JSON and a page.
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { ref } from 'vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { lockAnswer, TRACKS } from '../../engine'

vi.mock('../../composables/slidev', () => ({
  useSlideContext: () => ({ $renderContext: ref('slide') }),
  useNav: () => ({ isPrintMode: ref(false) }),
}))
const api = vi.hoisted(() => ({ live: true, asked: [] as string[] }))
vi.mock('../../composables/sessionApi', async (orig) => ({
  ...(await orig<typeof import('../../composables/sessionApi')>()),
  probeLive: async () => api.live,
  getIdentity: async () => ({ ok: true, issued: false }),
  getState: async () => ({
    room: '482913', presenter: { slide: 1, clicks: 0, seq: 0 }, contracts: { phase: 'revealed', count: 1, games: 1, version: 1 },
    polls: { distillation: { round: 2, phase: 'revealed', count: 2, version: 3 } },
  }),
  getResults: async (poll: string, round: number, secret?: string) => {
    api.asked.push(`${poll}@${round}:${secret}`)
    return { poll, round, kind: 'choice', count: 2, counts: [0, 2, 0, 0], phase: 'revealed' }
  },
  getContracts: async (secret?: string) => {
    api.asked.push(`contracts:${secret}`)
    return { phase: 'revealed', contracts: [{ track: 'tiny', recipe: { precision: 'int8', sparsity: 0, pattern: 'unstructured', student: TRACKS.tiny.baseline, distill: false, temperature: 4 } }], games: { tiny: { count: 1, found: [1], notFound: 0 } }, maxTries: 10 }
  },
}))
class FakeEventSource { addEventListener() {} close() {} }
const saved = vi.hoisted(() => [] as { name: string; blob: Blob }[])
const opened = vi.hoisted(() => [] as Blob[])
vi.mock('../../composables/download', () => ({
  downloadBlob: (name: string, blob: Blob) => saved.push({ name, blob }),
  openBlob: (blob: Blob) => { opened.push(blob); return true },
}))
vi.stubGlobal('EventSource', FakeEventSource)
vi.setConfig({ testTimeout: 30_000 })

async function mountReport(secret: string | null) {
  vi.resetModules()
  if (secret) sessionStorage.setItem('silicon-contract:presenter-secret', secret)
  const { default: InstructorReport } = await import('../../components/InstructorReport.vue')
  const w = mount(InstructorReport)
  await flushPromises()
  return w
}
enableAutoUnmount(afterEach)
beforeEach(() => {
  sessionStorage.clear()
  saved.length = 0
  opened.length = 0
  api.asked.length = 0
  api.live = true
})

describe('InstructorReport', () => {
  it('is not there for a student, nor offline', async () => {
    expect((await mountReport(null)).find('[data-testid="instructor-report"]').exists()).toBe(false)
    api.live = false
    expect((await mountReport('s3cret')).find('[data-testid="instructor-report"]').exists()).toBe(false)
  })

  it('the presenter exports the room\'s report, read with the secret at each lock\'s current round', async () => {
    const w = await mountReport('s3cret')
    await w.find('[data-testid="report-json"]').trigger('click')
    await flushPromises()
    expect(api.asked).toContain('distillation@2:s3cret')
    expect(api.asked).toContain('contracts:s3cret')
    expect(saved[0].name).toBe('silicon-contract-report-482913.json')
    const report = JSON.parse(await saved[0].blob.text())
    const d = report.locks.find((l: { id: string }) => l.id === 'distillation')
    expect(d).toMatchObject({ round: 2, phase: 'revealed', count: 2 })
    expect(d.keys.find((k: { track: string }) => k.track === 'tiny').key).toBe(`${(await import('../../engine')).LOCKS.distillation.options![lockAnswer('tiny', 'distillation').value]}`)
    expect(report.tracks.map((t: { track: string }) => t.track)).toEqual(['tiny'])
    await w.find('[data-testid="report-page"]').trigger('click')
    await flushPromises()
    expect(await opened[0].text()).toContain('report, room 482913')
  })
})
