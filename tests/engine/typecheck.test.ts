// `vue-tsc --noEmit` (npm test's first step) checks only the files tsconfig.json includes: a folder missing from its
// include list is never type-checked (logic/ and layouts/ were not, issue 21). Every TypeScript or Vue file in the
// repository must be one tsconfig.json reaches.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))

describe('tsconfig.json', () => {
  it('includes every TypeScript and Vue file the repository holds', () => {
    const config = ts.readConfigFile(`${root}/tsconfig.json`, ts.sys.readFile)
    const vue = [{ extension: '.vue', isMixedContent: true, scriptKind: ts.ScriptKind.Deferred }]
    const checked = new Set(ts.parseJsonConfigFileContent(config.config, ts.sys, root, undefined, undefined, undefined, vue).fileNames)
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.mts', '*.vue'], { cwd: root, encoding: 'utf8' })
      .split('\n').filter(Boolean)
    expect(files.length).toBeGreaterThan(100)
    expect(files.filter((f) => !checked.has(`${root}${f}`))).toEqual([])
  })
})
