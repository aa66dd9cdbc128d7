import { defineAppSetup } from '@slidev/types'
import { bindRouter } from '../composables/deckState'
import { installFollowPresenter } from '../composables/followPresenter'
import { installPresenterTimer } from '../composables/presenterTimer'

// Deck-wide state lives in the URL query; students' decks may follow the presenter in a live class; the presenter's
// timer survives a reload and a second presenter tab (installed before Slidev starts syncing its shared state).
export default defineAppSetup(({ router }) => {
  bindRouter(router)
  installFollowPresenter(router)
  installPresenterTimer()
})
