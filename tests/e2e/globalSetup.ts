// Builds the deck once (unless E2E_REUSE_BUILD=1 and a build exists) and serves it with `vite preview`.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { preview } from 'vite'
import type { PreviewServer } from 'vite'
import type { TestProject } from 'vitest/node'
import { listSlides } from './deck'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    distDir: string
    slideCount: number
  }
}

let server: PreviewServer | undefined

export async function setup(project: TestProject) {
  const distDir = resolve('dist-e2e')
  if (!(process.env.E2E_REUSE_BUILD === '1' && existsSync(resolve(distDir, 'index.html')))) {
    execFileSync('npx', ['slidev', 'build', '--out', distDir], { stdio: 'inherit' })
  }
  server = await preview({
    configFile: false,
    root: process.cwd(),
    logLevel: 'warn',
    build: { outDir: distDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  })
  const url = server.resolvedUrls?.local[0]
  if (!url) throw new Error('vite preview did not report a local URL')
  project.provide('baseUrl', url.replace(/\/$/, ''))
  project.provide('distDir', distDir)
  project.provide('slideCount', (await listSlides()).length)
}

export async function teardown() {
  await server?.close()
}
