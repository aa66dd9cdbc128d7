// One track and one recipe per viewer, shared by every slide and kept in the URL query
// (?track=…&precision=…), so a reload or a shared link shows the same state.
import { computed, reactive, ref } from 'vue'
import { watchDebounced } from '@vueuse/core'
import type { Router } from 'vue-router'
import { baselineRecipe, DEFAULT_TRACK, EngineInputError, PATTERN, stateFromQuery, stateToQuery, STUDENT, TRACKS, validateRecipe } from '../engine'
import type { DeckState, Precision, Recipe, TrackId } from '../engine'
import { handoutTrack } from './handout'

/** a handout's export (`npm run export:handout`) prints its track; the print URL carries no query of ours */
const OPENING_TRACK: TrackId = handoutTrack() ?? DEFAULT_TRACK

const state = reactive<DeckState>({ track: OPENING_TRACK, recipe: baselineRecipe(OPENING_TRACK) })
/** Messages about query fields that were ignored, shown once so a bad link is not silently "fixed". */
const problems = ref<string[]>([])

/** Applies a query over the defaults; whatever the engine rejects falls back to the track's baseline, with a message. */
export function loadQuery(query: Record<string, string | undefined>): void {
  const parsed = stateFromQuery(query, { track: OPENING_TRACK, recipe: baselineRecipe(OPENING_TRACK) })
  const found = [...parsed.problems]
  let recipe = parsed.state.recipe
  if (query[STUDENT.key] === undefined) recipe = { ...recipe, student: TRACKS[parsed.state.track].baseline }
  try {
    recipe = validateRecipe(parsed.state.track, recipe)
  } catch (e) {
    if (!(e instanceof EngineInputError)) throw e
    found.push(`${e.message} — the recipe was reset to the baseline`)
    recipe = baselineRecipe(parsed.state.track)
  }
  state.track = parsed.state.track
  state.recipe = recipe
  problems.value = found
}

/** Keeps the router's query and the state in step (Slidev carries the query along when it changes slides). */
export function bindRouter(router: Router): void {
  const fromRoute = () => loadQuery(router.currentRoute.value.query as Record<string, string | undefined>)
  fromRoute()
  router.afterEach((to, from) => {
    if (JSON.stringify(to.query) === JSON.stringify(from.query)) return
    // Our own write-back (below) only catches the URL up with the state: loading it again handed every instrument a new,
    // equal recipe and redrew every chart a second time, a frame-long spike while dragging (bench:ui's p95).
    if (Object.entries(stateToQuery(state)).every(([k, v]) => to.query[k] === v)) return
    fromRoute()
  })
  // Debounced: the instruments repaint on the input's frame; the URL (a router navigation) follows once dragging pauses.
  watchDebounced(
    () => stateToQuery(state),
    (q) => {
      const current = router.currentRoute.value.query
      if (Object.entries(q).every(([k, v]) => current[k] === v)) return
      router.replace({ query: { ...current, ...q } })
    },
    { debounce: 250, maxWait: 1000 },
  )
}

export function useDeckState() {
  return {
    track: computed(() => state.track),
    trackInfo: computed(() => TRACKS[state.track]),
    recipe: computed(() => state.recipe),
    problems: computed(() => problems.value),
    /** Switching track resets the recipe: model ids belong to a track. */
    setTrack(track: TrackId) {
      if (track === state.track) return
      state.track = track
      state.recipe = baselineRecipe(track)
    },
    /** Merges a change into the recipe; an invalid combination throws EngineInputError and changes nothing. */
    updateRecipe(change: Partial<Recipe>) {
      const next: Recipe = { ...state.recipe, ...change }
      if (change.pattern === '2:4') next.sparsity = PATTERN.sparsityOf24
      state.recipe = validateRecipe(state.track, next)
    },
    setPrecision(precision: Precision) {
      state.recipe = { ...state.recipe, precision }
    },
    reset() {
      state.recipe = baselineRecipe(state.track)
      problems.value = []
    },
    dismissProblems() {
      problems.value = []
    },
  }
}

/**
 * For a control panel: `update` applies a change to the shared recipe; an invalid one leaves the recipe as it was and
 * puts the engine's message (which names the field) in `error`, for the panel to show instead of failing silently.
 * Returns whether the change was applied.
 */
export function useRecipeEditor() {
  const { updateRecipe } = useDeckState()
  const error = ref('')
  function update(change: Partial<Recipe>): boolean {
    try {
      updateRecipe(change)
      error.value = ''
      return true
    } catch (e) {
      if (!(e instanceof EngineInputError)) throw e
      error.value = `${e.message} — the recipe was kept as it was.`
      return false
    }
  }
  return { error, update }
}
