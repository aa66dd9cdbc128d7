// The Silicon Contract ledger: the student's final recipe, every budget check, what the energy means for the track and
// where it goes (compute, memory traffic, static), and "heavy model + aggressive quantization" vs "light student + high
// precision". Pure builders (tested).
import { ARCHETYPE_LABEL, archetypeAbsence, archetypes, BELOW_FLOOR, evaluate, PARAMS, shareText, recipeLabel, specVerdictText, TRACKS, verdictWord } from '../engine'
import type { BudgetCheck, Evaluation, Param, Recipe, TrackId } from '../engine'
import { formatBytes, formatJoules, formatMetric, formatMs, formatValue, sig } from './format'

/** The engine's three parts of a recipe's energy (Evaluation.energy), in the order the deck shows them. */
export type EnergyPart = 'compute' | 'dataMovement' | 'static'
export const ENERGY_PARTS: readonly EnergyPart[] = ['compute', 'dataMovement', 'static']

/** Each part in words: `words` wherever there is room (the split's line, the exports, the closing slide), `short` in a
 *  table cell. Static is the machine's busy power × latency: its clocks and leakage, paid for as long as the work runs. */
export const ENERGY_PART_WORDS: Record<EnergyPart, { words: string; short: string }> = {
  compute: { words: 'compute (MACs)', short: 'compute' },
  dataMovement: { words: 'memory traffic', short: 'memory' },
  static: { words: 'static (clocks, leakage)', short: 'static' },
}

export interface EnergyShare { part: EnergyPart; words: string; joules: number; share: number }
export interface EnergySplit {
  totalJ: number
  /** compute, memory traffic, static: always all three, in ENERGY_PARTS order (a bar's segments keep their place) */
  parts: EnergyShare[]
  /** the largest part (the first of equals) */
  dominant: EnergyPart
}

/**
 * Where a recipe's energy goes, from the engine's own parts: each part's joules and share of their sum, and which one
 * dominates. Which part leads is what the engine finds per track and recipe (ARCHITECTURE §3): never assumed here.
 */
export function energySplit(e: Pick<Evaluation, 'energy'>): EnergySplit {
  const joules: Record<EnergyPart, number> = { compute: e.energy.computeJ, dataMovement: e.energy.dataMovementJ, static: e.energy.staticJ }
  const totalJ = ENERGY_PARTS.reduce((sum, p) => sum + joules[p], 0)
  const parts = ENERGY_PARTS.map((part) => ({ part, words: ENERGY_PART_WORDS[part].words, joules: joules[part], share: totalJ > 0 ? joules[part] / totalJ : 0 }))
  const dominant = parts.reduce((a, b) => (b.joules > a.joules ? b : a)).part
  return { totalJ, parts, dominant }
}

/** The split in one line of words, the largest part first: "mostly static (clocks, leakage) 57% · memory traffic 42% · …". */
export function energySplitText(s: EnergySplit): string {
  return byShare(s).map((p, i) => `${i === 0 ? 'mostly ' : ''}${p.words} ${shareText(p.share)}`).join(' · ')
}

/** The parts as a sentence reads them: the dominant one first, then the others from larger to smaller. */
export function byShare(s: EnergySplit): EnergyShare[] {
  const rest = s.parts.filter((p) => p.part !== s.dominant).sort((a, b) => b.joules - a.joules)
  return [dominantShare(s), ...rest]
}

/** The dominant part and its share, e.g. "static (clocks, leakage) 57%". */
export function dominantText(s: EnergySplit): string {
  const d = dominantShare(s)
  return `${d.words} ${shareText(d.share)}`
}

export function dominantShare(s: EnergySplit): EnergyShare {
  return s.parts.find((p) => p.part === s.dominant)!
}

export interface ComparisonRow {
  key: 'heavy' | 'light' | 'yours'
  label: string
  recipe: Recipe
  recipeText: string
  totalBytes: number
  latencyMs: number
  energyPerInferenceJ: number
  energySplit: EnergySplit
  accuracy: number
  checksPassed: number
  checksTotal: number
}

/**
 * The two archetypes of the seed's reflection, found by the engine's search over the sweep: the most energy-efficient
 * in-spec recipe of each kind (heavy: the teacher at INT4 or binary; light: a distilled smaller student at INT8 or FP16),
 * or null where no recipe of that kind meets every budget on the track.
 */
export function archetypeRecipes(track: TrackId): { heavy: Recipe | null; light: Recipe | null } {
  const a = archetypes(track)
  return { heavy: a.heavy?.recipe ?? null, light: a.light?.recipe ?? null }
}

function row(track: TrackId, key: ComparisonRow['key'], label: string, recipe: Recipe): ComparisonRow {
  const e = evaluate(track, recipe)
  return {
    key, label, recipe, recipeText: recipeLabel(track, recipe),
    totalBytes: e.memory.totalBytes, latencyMs: e.latencyMs, energyPerInferenceJ: e.energyPerInferenceJ, energySplit: energySplit(e),
    accuracy: e.accuracy, checksPassed: e.checks.filter((c) => c.pass).length, checksTotal: e.checks.length,
  }
}

export function comparison(track: TrackId, recipe: Recipe): ComparisonRow[] {
  const found = archetypeRecipes(track)
  const rows: ComparisonRow[] = []
  for (const kind of ['heavy', 'light'] as const) {
    const r = found[kind]
    if (r) rows.push(row(track, kind, ARCHETYPE_LABEL[kind], r))
  }
  rows.push(row(track, 'yours', 'Your recipe', recipe))
  return rows
}

/** The archetypes with no in-spec recipe on the track, and why, in one line each (the table's header names the kind in
 *  the seed's words). */
export function missingArchetypes(track: TrackId): string[] {
  const found = archetypeRecipes(track)
  return (['heavy', 'light'] as const).filter((k) => found[k] === null).map((k) => {
    const near = archetypeAbsence(track, k)?.nearest
    if (!near) return `No ${k} recipe in spec: every one is ${BELOW_FLOOR}.`
    // the model is implied by the kind: precision and pruning say which recipe came closest
    const recipe = near.label.split(' · ').slice(0, 2).join(' · ')
    const c = near.failing
    // two short lines under the table: the nearest recipe that keeps the accuracy floor, and what it misses
    return `No ${k} recipe in spec: the nearest, ${recipe}, misses ${c.name} (${sig(c.value, 3)} ${near.sense === 'min' ? '<' : '>'} ${sig(c.limit, 3)} ${c.unit}).`
  })
}

export interface Contract {
  title: string
  track: { id: TrackId; name: string; persona: string; mission: string; machine: string }
  recipe: Recipe
  recipeText: string
  metric: { name: string; unit: string }
  figures: { totalBytes: number; latencyMs: number; energyPerInferenceJ: number; accuracy: number; accuracyDrop: number }
  /** where the energy per inference goes */
  energy: EnergySplit
  checks: BudgetCheck[]
  inSpec: boolean
  binding: string | null
  impact: Evaluation['impact']
  comparison: ComparisonRow[]
  /** archetypes with no in-spec recipe on this track */
  missing: string[]
  provenance: string
  generatedAt?: string
}

export function buildContract(track: TrackId, recipe: Recipe, generatedAt?: string): Contract {
  const t = TRACKS[track]
  const e = evaluate(track, recipe)
  return {
    title: `The Silicon Contract — ${t.name}`,
    track: { id: track, name: t.name, persona: t.persona, mission: t.mission, machine: t.machine.name },
    recipe: { ...recipe },
    recipeText: recipeLabel(track, recipe),
    metric: { ...t.metric },
    figures: {
      totalBytes: e.memory.totalBytes, latencyMs: e.latencyMs, energyPerInferenceJ: e.energyPerInferenceJ,
      accuracy: e.accuracy, accuracyDrop: e.accuracyDrop,
    },
    energy: energySplit(e),
    checks: e.checks.map((c) => ({ ...c })),
    inSpec: e.binding === null, // no budget fails (the engine's binding is the first that does)
    binding: e.binding,
    impact: e.impact.map((i) => ({ ...i })),
    comparison: comparison(track, recipe),
    missing: missingArchetypes(track),
    provenance: 'Modelled by the deck engine (roofline latency, per-operation and per-byte energy); not measured on hardware.',
    ...(generatedAt ? { generatedAt } : {}),
  }
}

const cell = (s: string) => s.replace(/\|/g, '\\|')
/** A recipe parameter as the export's table shows it (the table's own formatter); the temperature only when distilling. */
const paramCell = (p: Param, r: Recipe) => (p.key === 'temperature' && !r.distill ? '—' : p.format(r[p.key]))

export function contractToMarkdown(c: Contract): string {
  const r = c.recipe
  const units = TRACKS[c.track.id].units.bytes
  const lines = [
    `# ${c.title}`,
    '',
    `**Persona:** ${c.track.persona} · **Machine:** ${c.track.machine}`,
    `**Mission:** ${c.track.mission}`,
    '',
    '## Final recipe',
    '',
    `${c.recipeText}`,
    '',
    `| ${PARAMS.map((p) => p.label).join(' | ')} |`,
    `|${PARAMS.map(() => '---').join('|')}|`,
    `| ${PARAMS.map((p) => cell(paramCell(p, r))).join(' | ')} |`,
    '',
    '## Budget checks',
    '',
    '| budget | value | limit | result |',
    '|---|---|---|---|',
    ...c.checks.map((k) => `| ${cell(k.name)} | ${formatValue(k.value, k.unit, units)} | ${formatValue(k.limit, k.unit, units)} | ${verdictWord(k)} |`),
    '',
    `**Verdict:** ${specVerdictText(c.binding)}`,
    '',
    '## Energy per inference and what it means',
    '',
    `- Energy per inference: ${formatJoules(c.figures.energyPerInferenceJ)}, ${energySplitText(c.energy)}`,
    ...c.energy.parts.map((p) => `  - ${p.words}: ${formatJoules(p.joules)} (${shareText(p.share)})`),
    `- Latency: ${formatMs(c.figures.latencyMs)} · Footprint: ${formatBytes(c.figures.totalBytes, units)}`,
    `- ${c.metric.name}: ${formatMetric(c.figures.accuracy, c.metric.unit)} (${sig(c.figures.accuracyDrop)} points below the baseline)`,
    ...c.impact.map((i) => `- ${i.label}: ${formatMetric(i.value, i.unit)}`),
    '',
    '## Heavy model vs light student',
    '',
    `| option | recipe | footprint | latency | energy per inference | energy mostly | ${cell(c.metric.name)} (${cell(c.metric.unit)}) | budgets passed |`,
    '|---|---|---|---|---|---|---|---|',
    ...c.comparison.map(
      (o) => `| ${o.label} | ${cell(o.recipeText)} | ${formatBytes(o.totalBytes, units)} | ${formatMs(o.latencyMs)} | ${formatJoules(o.energyPerInferenceJ)} | ${dominantText(o.energySplit)} | ${sig(o.accuracy)} | ${o.checksPassed}/${o.checksTotal} |`,
    ),
    ...c.missing.flatMap((m) => ['', m]),
    '',
    `_${c.provenance}_`,
  ]
  if (c.generatedAt) lines.push('', `Generated ${c.generatedAt}`)
  return lines.join('\n') + '\n'
}

export function contractToJson(c: Contract): string {
  return JSON.stringify(c, null, 2) + '\n'
}
