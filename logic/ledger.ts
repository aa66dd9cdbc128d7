// The Silicon Contract ledger: the student's final recipe, every budget check, what the energy means for the track,
// and "heavy model + aggressive quantization" vs "light student + high precision". Pure builders (tested).
import { ARCHETYPE_LABEL, archetypeAbsence, archetypes, evaluate, recipeLabel, TRACKS } from '../engine'
import type { BudgetCheck, Evaluation, Recipe, TrackId } from '../engine'
import { formatBytes, formatJoules, formatMs, formatValue, sig } from './format'

export interface ComparisonRow {
  key: 'heavy' | 'light' | 'yours'
  label: string
  recipe: Recipe
  recipeText: string
  totalBytes: number
  latencyMs: number
  energyPerInferenceJ: number
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
    totalBytes: e.memory.totalBytes, latencyMs: e.latencyMs, energyPerInferenceJ: e.energyPerInferenceJ, accuracy: e.accuracy,
    checksPassed: e.checks.filter((c) => c.pass).length, checksTotal: e.checks.length,
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

/** The archetypes with no in-spec recipe on the track, said plainly. */
export function missingArchetypes(track: TrackId): string[] {
  const found = archetypeRecipes(track)
  return (['heavy', 'light'] as const).filter((k) => found[k] === null).map((k) => `${ARCHETYPE_LABEL[k]}: none in spec here; ${archetypeAbsence(track, k)}.`)
}

export interface Contract {
  title: string
  track: { id: TrackId; name: string; persona: string; mission: string; machine: string }
  recipe: Recipe
  recipeText: string
  metric: { name: string; unit: string }
  figures: { totalBytes: number; latencyMs: number; energyPerInferenceJ: number; accuracy: number; accuracyDrop: number }
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
    '| precision | sparsity | pattern | student | distillation | temperature |',
    '|---|---|---|---|---|---|',
    `| ${r.precision} | ${Math.round(r.sparsity * 100)}% | ${r.pattern} | ${cell(r.student)} | ${r.distill ? 'yes' : 'no'} | ${r.distill ? r.temperature : '—'} |`,
    '',
    '## Budget checks',
    '',
    '| budget | value | limit | result |',
    '|---|---|---|---|',
    ...c.checks.map((k) => `| ${cell(k.name)} | ${formatValue(k.value, k.unit, units)} | ${formatValue(k.limit, k.unit, units)} | ${k.pass ? 'PASS' : 'FAIL'} |`),
    '',
    `**Verdict:** ${c.inSpec ? 'IN SPEC — every budget passes' : `OUT OF SPEC — first failing budget: ${c.binding ?? '?'}`}`,
    '',
    '## Energy per inference and what it means',
    '',
    `- Energy per inference: ${formatJoules(c.figures.energyPerInferenceJ)}`,
    `- Latency: ${formatMs(c.figures.latencyMs)} · Footprint: ${formatBytes(c.figures.totalBytes, units)}`,
    `- ${c.metric.name}: ${sig(c.figures.accuracy)} ${c.metric.unit} (${sig(c.figures.accuracyDrop)} below the baseline)`,
    ...c.impact.map((i) => `- ${i.label}: ${sig(i.value)} ${i.unit}`),
    '',
    '## Heavy model vs light student',
    '',
    `| option | recipe | footprint | latency | energy per inference | ${cell(c.metric.name)} (${cell(c.metric.unit)}) | budgets passed |`,
    '|---|---|---|---|---|---|---|',
    ...c.comparison.map(
      (o) => `| ${o.label} | ${cell(o.recipeText)} | ${formatBytes(o.totalBytes, units)} | ${formatMs(o.latencyMs)} | ${formatJoules(o.energyPerInferenceJ)} | ${sig(o.accuracy)} | ${o.checksPassed}/${o.checksTotal} |`,
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
