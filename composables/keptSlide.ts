// Following the presenter costs a student's deck one frame, not a slide's mount (issue 19, ARCHITECTURE §6): a slide
// once shown stays mounted (hidden by Slidev's v-show) instead of being torn down and rebuilt, charts and all, on every
// move; and a slide not shown never re-renders or redraws: every component on it is paused (Vue's EffectScope.pause),
// so a recipe, a track or a class count that changes meanwhile costs nothing there. Shown again, each paused effect
// that was triggered runs once, in the same flush as the move: the slide catches up in one render.
import { getCurrentInstance, isVNode, onMounted, watch, type ComponentInternalInstance, type EffectScope } from 'vue'
import { useIsSlideActive, useNav, useSlideContext } from './slidev'

/** Every component instance in the tree under `root` (not `root` itself), depth first; `skip` and its subtree excluded. */
export function componentsUnder(root: ComponentInternalInstance, skip?: ComponentInternalInstance | null): ComponentInternalInstance[] {
  const out: ComponentInternalInstance[] = []
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) { for (const c of v) visit(c); return }
    if (!isVNode(v)) return
    const vnode = v
    if (vnode.component) {
      if (vnode.component === skip) return
      out.push(vnode.component)
      visit(vnode.component.subTree)
    } else if (vnode.suspense) {
      visit(vnode.suspense.activeBranch)
    } else {
      visit(vnode.children)
    }
  }
  visit(root.subTree)
  return out
}

/** A component's effect scope: its render effect, computeds and watchers (Vue keeps the field internal; stable in 3.5) */
const scopeOf = (i: ComponentInternalInstance) => (i as unknown as { scope: EffectScope }).scope

/** Pauses every component under `root` but `skip`; returns the function that resumes exactly those. */
export function pauseTree(root: ComponentInternalInstance, skip?: ComponentInternalInstance | null): () => void {
  const paused = componentsUnder(root, skip).filter((i) => !i.isUnmounted)
  for (const i of paused) scopeOf(i).pause()
  return () => { for (const i of paused) if (!i.isUnmounted) scopeOf(i).resume() }
}

/**
 * For the per-slide layer (slide-top.vue), in the deck and the presenter view: keeps this slide mounted once it has been
 * shown, and pauses its components while another slide is shown. Not in print (every slide is drawn once, as mounted),
 * the overview or the presenter's next-slide preview.
 */
export function useKeptSlide(): void {
  const { $route, $renderContext } = useSlideContext()
  const { isPrintMode } = useNav()
  const self = getCurrentInstance()
  if (!self || !$route || !['slide', 'presenter'].includes($renderContext.value) || isPrintMode.value) return
  // Slidev's SlideWrapper: the ancestor that renders this slide's route
  let wrapper: ComponentInternalInstance | null = self.parent
  while (wrapper && (wrapper.props as { route?: unknown }).route !== $route) wrapper = wrapper.parent
  if (!wrapper) return
  const slideWrapper = wrapper
  // Slidev mounts the current slide and every slide marked preloaded (it keeps them, hidden); mark this one
  onMounted(() => { ($route.meta as { __preloaded?: boolean }).__preloaded = true })
  const active = useIsSlideActive()
  let resume: (() => void) | null = null
  // resumed at once (sync), before the move's render flush: the slide catches up in that one render. Paused only after
  // the flush that hides it ('post'): the slide's own reactions to being left (a lab job cancelled when its slide is
  // left, a chart stopping its animation) must still run, and a paused watcher never would.
  watch(active, (on) => {
    if (on) {
      resume?.()
      resume = null
    }
  }, { flush: 'sync' })
  watch(active, (on) => {
    if (!on && !resume) resume = pauseTree(slideWrapper, self)
  }, { flush: 'post' })
}
