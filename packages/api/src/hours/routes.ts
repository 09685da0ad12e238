import { OpenAPIHono } from '@hono/zod-openapi'
import type { Env } from '../context.js'
import { validationHook } from '../errors.js'

// Hours ledger, approvals, corrections, stars, certificates and pledges (issue 4 items 4–7).
export const hoursApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
