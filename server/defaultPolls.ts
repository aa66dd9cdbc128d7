// The service's polls are the engine's prediction locks (questions and options defined once, in the engine).
import { LOCKS } from '../engine/index.ts'
import type { PollDefs } from './polls.ts'

export const DEFAULT_POLLS: PollDefs = LOCKS
