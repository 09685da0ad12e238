import { OpenAPIHono } from '@hono/zod-openapi'
import type { Env } from '../context.js'
import { validationHook } from '../errors.js'

// The `fund` context's routes (issue 5).
export const fundApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
