// The routes of issue 13: POST contract / game (a student's identity), GET contracts (the presenter live, everybody
// after the reveal). The engine is the judge of a recipe (validateRecipe) and of the game (its ten tries, and whether
// the track has a part-2 target at all); a refusal is an HttpError (4xx JSON) thrown before anything is written.
import { EngineInputError, GAME_MAX_TRIES, isTrackId, part2Target, TRACK_IDS, validateRecipe } from '../engine/index.ts'
import type { TrackId } from '../engine/index.ts'
import type { ContractBody, ContractRow, ContractsView, GameBody, GameRow, Phase } from './api.ts'
import type { ContractStore } from './contractStore.ts'
import { HttpError } from './httpError.ts'

export async function contractsView(c: ContractStore): Promise<ContractsView> {
  const [phase, contracts, games] = await Promise.all([c.phase(), c.list(), c.gameCounts(GAME_MAX_TRIES)])
  return { phase, contracts, games, maxTries: GAME_MAX_TRIES }
}

/** The engine's verdict on `{ track, recipe }`: the clean recipe, or a 400 with the engine's own message. */
export function checkContract(body: ContractBody): ContractRow {
  try {
    const recipe = validateRecipe(body.track as TrackId, body.recipe)
    // the engine returns exactly the recipe's fields: anything else in the body is refused, not silently dropped
    const extra = Object.keys(body.recipe as object).filter((k) => !(k in recipe))
    if (extra.length) throw new HttpError('invalid', `recipe: unknown field "${extra[0]}"`)
    return { track: body.track as TrackId, recipe }
  } catch (e) {
    if (e instanceof EngineInputError) throw new HttpError('invalid', e.message)
    throw e
  }
}

export function checkGame(body: GameBody): GameRow {
  const track = body.track
  if (!isTrackId(track)) throw new HttpError('invalid', `track: unknown track ${JSON.stringify(track)}; expected one of ${TRACK_IDS.join(', ')}`)
  if (part2Target(track) === null) throw new HttpError('invalid', `track: ${track} has no part-2 game (nothing to hit), so there is no result to send`)
  if (!body.found && body.triesUsed !== GAME_MAX_TRIES)
    throw new HttpError('invalid', `triesUsed: a game ends without the window only after all ${GAME_MAX_TRIES} tries, got ${body.triesUsed}`)
  return { track, triesUsed: body.triesUsed, found: body.found }
}

export const closedMessage = (phase: Phase) =>
  `the class's contracts are ${phase === 'locked' ? 'closed' : 'revealed'}: the presenter no longer takes new ones`
