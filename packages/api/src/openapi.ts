import type { z } from 'zod'
import { ErrorBody } from '@chayi/domain'

/** `responses` entry for a JSON body. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } })

/** `responses` entry for a JSON request body. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } })

const errorDescriptions = {
  400: 'Invalid request: the body or query does not match the schema',
  401: 'Not signed in',
  403: 'Signed in, but the role may not do this',
  404: 'Not found',
  409: 'Conflict with the current state, or an Idempotency-Key reused with another body',
  422: 'A business rule was broken',
  429: 'Too many attempts; wait and retry',
} as const

/** The error responses a route can give, all in the contract's shape. */
export function errors(...statuses: (keyof typeof errorDescriptions)[]) {
  return Object.fromEntries(statuses.map((s) => [s, json(ErrorBody, errorDescriptions[s])])) as {
    [K in (typeof statuses)[number]]: ReturnType<typeof json<typeof ErrorBody>>
  }
}
