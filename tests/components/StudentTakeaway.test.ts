// The takeaway slide for a recorded viewer (no service): built from what this browser kept — the offline lock answers
// (localStorage), the part-2 tries (sessionStorage) and the deck's track — and downloaded as Markdown and HTML.
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { ref } from 'vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { LOCKS, lockAnswer, part2Start, pruningWindows } from '../../engine'
import { describeGap, label } from '../../logic/lockGap'
import { judgeAttempt } from '../../logic/sparsity'

const saved = vi.hoisted(() => [] as { name: string; blob: Blob }[])
const opened = vi.hoisted(() => [] as Blob[])
vi.mock('../../composables/download', () => ({
  downloadBlob: (name: string, blob: Blob) => saved.push({ name, blob }),
  openBlob: (blob: Blob) => { opened.push(blob); return true },
}))
const printMode = ref(false)
vi.mock('../../composables/slidev', () => ({ useNav: () => ({ isPrintMode: printMode }) }))
vi.setConfig({ testTimeout: 30_000 })

async function mountTakeaway() {
  vi.resetModules()
  const { loadQuery } = await import('../../composables/deckState')
  loadQuery({ track: 'tiny' })
  const { default: StudentTakeaway } = await import('../../components/StudentTakeaway.vue')
  const w = mount(StudentTakeaway)
  await flushPromises()
  return w
}
enableAutoUnmount(afterEach)
beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
  saved.length = 0
  opened.length = 0
  printMode.value = false
})

describe('StudentTakeaway (recorded viewer)', () => {
  it('shows this browser\'s answers against the engine\'s keys for its track, and its part-2 game', async () => {
    localStorage.setItem('silicon-contract:lock:distillation', JSON.stringify({ value: 0, revealed: true }))
    localStorage.setItem('silicon-contract:lock:sparsity', JSON.stringify({ value: 1.8, revealed: false }))
    const start = part2Start('tiny')
    const w0 = pruningWindows('tiny')[0]
    const win = judgeAttempt('tiny', { ...start, pattern: w0.pattern, sparsity: w0.pattern === '2:4' ? 0.5 : w0.from })
    sessionStorage.setItem('silicon-contract:attempts:tiny', JSON.stringify([judgeAttempt('tiny', start), win]))
    const w = await mountTakeaway()

    for (const id of ['distillation', 'sparsity'] as const) {
      const row = w.find(`tr[data-lock="${id}"]`)
      const key = lockAnswer('tiny', id)
      expect(row.find('.key').text()).toBe(label(LOCKS[id], key.value))
      expect(row.text()).toContain(describeGap(LOCKS[id], id === 'distillation' ? 0 : 1.8, key.value)!)
      expect(row.text()).toContain(key.explanation.slice(-40))
    }
    expect(w.find('tr[data-lock="quantization"]').text()).toContain('not answered')
    expect(w.find('[data-testid="takeaway-part2"]').text()).toContain('found the window on try 2')
    expect(w.text()).toContain('No class figures')
  })

  it('in a PDF of the deck, says where the takeaway is instead of an empty one', async () => {
    printMode.value = true
    const w = await mountTakeaway()
    expect(w.find('[data-instrument="StudentTakeaway"]').exists()).toBe(false)
    expect(w.find('[data-testid="takeaway-printed"]').text()).toMatch(/open the deck on its last slide/)
  })

  it('downloads Markdown and HTML named for the track, and opens the printable page', async () => {
    localStorage.setItem('silicon-contract:lock:distillation', JSON.stringify({ value: 2, revealed: true }))
    const w = await mountTakeaway()
    await w.find('[data-testid="takeaway-md"]').trigger('click')
    await w.find('[data-testid="takeaway-html"]').trigger('click')
    await w.find('[data-testid="takeaway-open"]').trigger('click')
    expect(saved.map((s) => s.name)).toEqual(['silicon-contract-takeaway-tiny.md', 'silicon-contract-takeaway-tiny.html'])
    const md = await saved[0].blob.text()
    expect(md).toContain(lockAnswer('tiny', 'distillation').explanation)
    expect(md).toMatch(/^Generated \d{4}-/m)
    expect(await opened[0].text()).toContain('<!doctype html>')
  })
})
