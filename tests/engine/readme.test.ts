// engine/README.md's sources tables are generated from listSources(); fail when they drift.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { withSources } from '../../engine/sourcesTable'

describe('engine/README.md', () => {
  it('ends with the current sources tables (regenerate with sourcesMarkdown())', () => {
    const readme = readFileSync(new URL('../../engine/README.md', import.meta.url), 'utf8')
    expect(readme).toBe(withSources(readme))
  })
})
