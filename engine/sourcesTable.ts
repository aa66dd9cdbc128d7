// Renders listSources() as the Markdown tables of engine/README.md (a test keeps the README in sync).
import { listSources } from './sources'
import { TRACK_IDS } from './validate'
import { SPECS } from './tracks'

const fmt = (v: number) => (Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : String(Number(v.toPrecision(4))))
const esc = (s: string) => s.replace(/\|/g, '\\|')

export function sourcesMarkdown(): string {
  const out: string[] = []
  for (const scope of ['all', ...TRACK_IDS] as const) {
    out.push(`#### ${scope === 'all' ? 'Shared' : SPECS[scope].name}`, '', '| constant | value | unit | kind | source |', '|---|---|---|---|---|')
    const seen = new Set<string>()
    for (const r of listSources().filter((x) => x.track === scope)) {
      if (seen.has(r.name)) continue
      seen.add(r.name)
      out.push(`| ${esc(r.name)} | ${fmt(r.value)} | ${esc(r.unit)} | ${r.kind} | ${esc(r.source)} |`)
    }
    out.push('')
  }
  return out.join('\n')
}
