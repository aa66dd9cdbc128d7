// engine/README.md's sources and lesson tables are generated from the engine; fail when they drift.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { withSources } from '../../engine/sourcesTable'
import { LESSONS_BEGIN, withLessonsReadme } from '../../engine/lessonsTable'

const readme = readFileSync(new URL('../../engine/README.md', import.meta.url), 'utf8')

describe('engine/README.md', () => {
  it('ends with the current sources tables (regenerate with sourcesMarkdown())', () => {
    expect(readme).toBe(withSources(readme))
  })
  it('carries the current lesson tables (npm run lessons -- --write)', () => {
    expect(readme).toContain(LESSONS_BEGIN)
    expect(readme).toBe(withLessonsReadme(readme))
  })
})
