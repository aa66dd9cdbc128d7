// npm run lessons: prints what each track teaches (engine/lessonsTable.ts); `-- --write` refreshes the copies in
// engine/README.md and docs/lessons.md, the reference the presenter notes link to (tests fail when they drift).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { allLessonsMarkdown, LESSONS_DOC, lessonsDoc, withLessonsReadme } from '../engine/lessonsTable'

const root = new URL('..', import.meta.url)
if (process.argv.includes('--write')) {
  const readme = new URL('engine/README.md', root)
  writeFileSync(readme, withLessonsReadme(readFileSync(readme, 'utf8')))
  mkdirSync(new URL('docs/', root), { recursive: true })
  writeFileSync(new URL(LESSONS_DOC, root), lessonsDoc())
  console.log(`engine/README.md and ${LESSONS_DOC} updated`)
} else {
  console.log(allLessonsMarkdown())
}
