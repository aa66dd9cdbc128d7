// The closing slide's energy lesson shows, for every track, the split of its best in-spec recipe as evaluate() gives it,
// with the leading part marked in text (▶), and the sentence the logic builds from those splits.
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import EnergyLesson from '../../components/EnergyLesson.vue'
import { evaluate, TRACK_IDS, shareText } from '../../engine'
import { energyLessons, energySummary, lessonColumns } from '../../logic/energyLesson'
import { ENERGY_PARTS, energySplit } from '../../logic/ledger'

describe('EnergyLesson', () => {
  it('states the summary and every track\'s split from the engine, the largest part marked ▶', () => {
    const w = mount(EnergyLesson)
    const lessons = energyLessons()
    expect(w.get('[data-testid="energy-summary"]').text()).toBe(`${energySummary(lessons)}.`)
    const columns = lessonColumns(lessons)
    expect(columns.filter((c) => !c.contrast).map((c) => c.track)).toEqual(TRACK_IDS)
    for (const c of columns) {
      const e = evaluate(c.track, c.finding.recipe)
      const split = energySplit(e)
      const largest = ENERGY_PARTS.reduce((a, b) => (split.parts.find((p) => p.part === b)!.joules > split.parts.find((p) => p.part === a)!.joules ? b : a))
      expect(w.get(`th[data-column="${c.key}"]`).attributes('title')).toContain(c.finding.recipeText)
      for (const p of split.parts) {
        const cell = w.get(`tr[data-part="${p.part}"] td[data-column="${c.key}"]`).text()
        expect(cell).toBe(`${p.part === largest ? '▶ ' : ''}${shareText(p.share)}`)
      }
    }
    w.unmount()
  })
})
