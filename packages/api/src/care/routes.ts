import { OpenAPIHono } from '@hono/zod-openapi'
import type { Env } from '../context.js'
import { validationHook } from '../errors.js'

// The `care` context's routes (issue 5).
export const careApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
