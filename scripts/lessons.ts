// npm run lessons: prints what each track teaches (engine/lessonsTable.ts); `-- --write` refreshes the copies in
// engine/README.md and the presenter notes of pages/*.md (tests fail when they drift).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { allLessonsMarkdown, withLessons, withLessonsReadme } from '../engine/lessonsTable'

const root = new URL('..', import.meta.url)
if (process.argv.includes('--write')) {
  const readme = new URL('engine/README.md', root)
  writeFileSync(readme, withLessonsReadme(readFileSync(readme, 'utf8')))
  for (const f of readdirSync(new URL('pages/', root)).filter((x) => x.endsWith('.md'))) {
    const page = new URL(`pages/${f}`, root)
    writeFileSync(page, withLessons(readFileSync(page, 'utf8')))
  }
  console.log('engine/README.md and pages/*.md updated')
} else {
  console.log(allLessonsMarkdown())
}
