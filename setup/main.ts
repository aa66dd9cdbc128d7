import { defineAppSetup } from '@slidev/types'
import { bindRouter } from '../composables/deckState'
import { installFollowPresenter } from '../composables/followPresenter'

// Deck-wide state lives in the URL query; students' decks may follow the presenter in a live class.
export default defineAppSetup(({ router }) => {
  bindRouter(router)
  installFollowPresenter(router)
})
