// The Pareto plot's data as pure functions of the engine's sweep: bubbles (dominated / frontier), the frontier line,
// the budgets (capacity, accuracy floor) and the current recipe. The plot shows the recipes of the levers taught so far
// (part 1: precision; part 2: + sparsity; then everything). Per-track work is memoised; only the radius and the current
// point change with the controls, so a sweep of hundreds of points stays cheap.
import { accuracyFloor, dominates, evaluate, LEVERS, paretoFrontier, recipeLabel, sweep } from '../engine'
import type { Evaluation, Lever, ParetoPoint, Recipe, TrackId } from '../engine'

/** capacity more than this factor beyond the largest recipe is drawn off-scale */
const OFF_SCALE = 8

export type BubbleSize = 'energy' | 'latency'
export interface XY { x: number; y: number }
export interface Bubble extends XY { r: number }

export function recipeKey(r: Recipe): string {
  return [r.precision, r.sparsity.toFixed(2), r.sparsity > 0 ? r.pattern : 'dense', r.student, r.distill ? `kd${r.temperature}` : 'scratch'].join('|')
}

interface TrackSweep {
  all: ParetoPoint[]
  frontier: ParetoPoint[]
  dominated: ParetoPoint[]
  xMin: number
  xMax: number
  yMin: number
  yMax: number
}
const cache = new Map<string, TrackSweep>()

export function trackSweep(track: TrackId, levers: readonly Lever[] = LEVERS): TrackSweep {
  const key = `${track}|${levers.join('+')}`
  const hit = cache.get(key)
  if (hit) return hit
  const all = sweep(track, levers)
  const frontier = paretoFrontier(track, levers)
  const onFrontier = new Set(frontier.map((p) => recipeKey(p.recipe)))
  const dominated = all.filter((p) => !onFrontier.has(recipeKey(p.recipe)))
  const xs = all.map((p) => p.evaluation.memory.totalBytes)
  const ys = all.map((p) => p.evaluation.accuracy)
  const res = { all, frontier, dominated, xMin: Math.min(...xs), xMax: Math.max(...xs), yMin: Math.min(...ys), yMax: Math.max(...ys) }
  cache.set(key, res)
  return res
}

const LEVER_NAME: Record<Lever, string> = { precision: 'precision', sparsity: 'sparsity', distillation: 'smaller students and distillation' }

/** What a plot limited to `levers` says about itself, and whether the viewer's recipe pulls a lever it leaves out. */
export function leversNote(levers: readonly Lever[], recipeLevers: readonly Lever[]): { shown: string; later: string; outside: string } {
  const later = LEVERS.filter((l) => !levers.includes(l))
  const outside = recipeLevers.filter((l) => !levers.includes(l))
  const names = (ls: readonly Lever[]) => ls.map((l) => LEVER_NAME[l]).join(' and ')
  return {
    shown: later.length === 0 ? 'all three levers' : `${names(levers).replace(/^./, (c) => c.toUpperCase())} only, so far`,
    later: later.map((l, i) => `${LEVER_NAME[l]}${i === 0 ? (l === 'sparsity' ? ' joins' : ' join') : ''} in part ${LEVERS.indexOf(l) + 1}`).join(', '),
    outside: outside.length ? `your recipe also uses ${names(outside)}, not in this plot yet` : '',
  }
}

export function sizeValue(e: Evaluation, by: BubbleSize): number {
  return by === 'energy' ? e.energyPerInferenceJ : e.latencyMs
}

/** Bubble area ∝ value: r = rMin + (rMax − rMin)·√(v / vMax). */
export function radius(v: number, vMax: number, rMin = 2, rMax = 12): number {
  return vMax > 0 ? rMin + (rMax - rMin) * Math.sqrt(Math.max(0, v) / vMax) : rMin
}

/**
 * The line the plot draws: the frontier's best accuracy for the memory (its upper envelope in memory × accuracy).
 * The frontier itself has three objectives: a recipe can sit on it only for its low energy (a bubble's size) while
 * far below its neighbours' accuracy; joining every frontier point by memory drew a saw-tooth dive to it.
 */
export function frontierLine(frontier: readonly ParetoPoint[]): XY[] {
  const line: XY[] = []
  for (const p of [...frontier].sort((a, b) => a.evaluation.memory.totalBytes - b.evaluation.memory.totalBytes || b.evaluation.accuracy - a.evaluation.accuracy))
    if (!line.length || p.evaluation.accuracy > line[line.length - 1].y) line.push({ x: p.evaluation.memory.totalBytes, y: p.evaluation.accuracy })
  return line
}

export interface ParetoView {
  dominated: Bubble[]
  frontier: Bubble[]
  frontierLine: XY[]
  /** empty when the capacity is off-scale (far right of every recipe) */
  capacityLine: XY[]
  capacityOnScale: boolean
  xRange: [number, number]
  floorLine: XY[]
  current: Bubble
  currentEval: Evaluation
  currentLabel: string
  currentOnFrontier: boolean
  /** a frontier recipe at least as small, as accurate and as frugal, better in one: or null if none beats the current */
  dominatedBy: ParetoPoint | null
  floor: number
  capacity: number
  /** points in the order of the bubble datasets, for tooltips */
  dominatedPoints: ParetoPoint[]
  frontierPoints: ParetoPoint[]
}

export function paretoView(track: TrackId, recipe: Recipe, by: BubbleSize, levers: readonly Lever[] = LEVERS): ParetoView {
  const s = trackSweep(track, levers)
  const currentEval = evaluate(track, recipe)
  const vMax = Math.max(...s.all.map((p) => sizeValue(p.evaluation, by)), sizeValue(currentEval, by))
  const bubble = (e: Evaluation): Bubble => ({ x: e.memory.totalBytes, y: e.accuracy, r: radius(sizeValue(e, by), vMax) })
  const floor = accuracyFloor(track)
  const capacity = currentEval.memory.capacityBytes
  // a capacity far beyond every recipe would squash the cloud of points into a corner: leave it off-scale and say so
  const capacityOnScale = capacity <= Math.max(s.xMax, currentEval.memory.totalBytes) * OFF_SCALE
  const xLo = Math.min(s.xMin, currentEval.memory.totalBytes, capacityOnScale ? capacity : Infinity) / 1.3
  const xHi = Math.max(s.xMax, currentEval.memory.totalBytes, capacityOnScale ? capacity : 0) * 1.3
  const yLo = Math.min(s.yMin, floor, currentEval.accuracy)
  const yHi = Math.max(s.yMax, floor, currentEval.accuracy)
  const key = recipeKey(recipe)
  return {
    dominated: s.dominated.map((p) => bubble(p.evaluation)),
    frontier: s.frontier.map((p) => bubble(p.evaluation)),
    frontierLine: frontierLine(s.frontier),
    capacityLine: capacityOnScale ? [{ x: capacity, y: yLo }, { x: capacity, y: yHi }] : [],
    capacityOnScale,
    xRange: [xLo, xHi],
    floorLine: [{ x: xLo, y: floor }, { x: xHi, y: floor }],
    current: bubble(currentEval),
    currentEval,
    currentLabel: s.all.find((p) => recipeKey(p.recipe) === key)?.label ?? recipeLabel(track, recipe),
    currentOnFrontier: s.frontier.some((p) => recipeKey(p.recipe) === key),
    dominatedBy: s.frontier.find((p) => dominates(p.evaluation, currentEval)) ?? null,
    floor,
    capacity,
    dominatedPoints: s.dominated,
    frontierPoints: s.frontier,
  }
}
