// Request schemas (zod). Every body is a strict object: unknown fields are rejected, not ignored.
import { z } from 'zod'
import { GAME_MAX_TRIES, TRACK_IDS, type TrackId } from '../engine/index.ts'
import { CONFIDENCE_LEVELS, CONTROL_ACTIONS } from './api.ts'

export const pollId = z.string().min(1).max(64).regex(/^[a-z0-9_-]+$/i, 'poll must be a short identifier')
// The voter is not in the body: it is the identity the service issued (server/identity.ts), read from its cookie.
export const AnswerBody = z.strictObject({
  poll: pollId,
  value: z.number(),
  /** optional: the round the client saw; a stale round is refused so an old tab cannot vote into a new round */
  round: z.int().min(1).optional(),
  /** optional (issue 22): how sure, an index into CONFIDENCE_LEVELS, and the viewer's track, which the room's
   *  calibration reads each answer against (each track has its own key) */
  confidence: z.int().min(0).max(CONFIDENCE_LEVELS.length - 1).nullable().optional(),
  track: z.enum(TRACK_IDS as [TrackId, ...TrackId[]]).nullable().optional(),
})

// Issue 13. The recipe's fields are the engine's to judge (validateRecipe, whose message the student sees): the schema
// only bounds the shape. A game result is bounded by the engine's ten tries (GAME_MAX_TRIES).
export const ContractBody = z.strictObject({
  track: z.unknown(),
  recipe: z.unknown(),
})
export type ContractBody = z.infer<typeof ContractBody>
export const GameBody = z.strictObject({
  track: z.string().max(32),
  triesUsed: z.int().min(1).max(GAME_MAX_TRIES),
  found: z.boolean(),
})
export type GameBody = z.infer<typeof GameBody>

export const ControlBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.enum(CONTROL_ACTIONS), poll: pollId }),
  z.strictObject({
    action: z.literal('goto'), slide: z.int().min(1).max(10000), clicks: z.int().min(0).max(1000),
    /** the presenter tab that leads (its own random id); the presenter's tabs take turns, the service only records it */
    tab: z.string().regex(/^[A-Za-z0-9_-]{4,64}$/, 'tab must be 4-64 characters of A-Z a-z 0-9 _ -').optional(),
  }),
])
export type ControlBody = z.infer<typeof ControlBody>

export const ResultsQuery = z.strictObject({
  poll: pollId,
  round: z.coerce.number().int().min(1).optional(),
  format: z.enum(['json', 'csv']).optional(),
})

export function zodMessage(err: z.ZodError): string {
  const i = err.issues[0]
  const where = i.path.length ? `${i.path.join('.')}: ` : ''
  return `${where}${i.message}`
}
