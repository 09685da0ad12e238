import { OpenAPIHono } from '@hono/zod-openapi'
import type { Env } from '../context.js'
import { validationHook } from '../errors.js'

// 情系藏区: field visits, exit (proposal, approval, public notice) and monitoring cases.
export const aidVisitsApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
