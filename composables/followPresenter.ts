// Students' decks follow the presenter through the class-session service (placeholder until the service lands).
import type { Router } from 'vue-router'

export function installFollowPresenter(_router: Router): void {}
