// The one place that imports @slidev/client, so component tests can vi.mock('…/composables/slidev').
export { useNav, useSlideContext, useIsSlideActive, onSlideEnter, onSlideLeave, sharedState } from '@slidev/client'
