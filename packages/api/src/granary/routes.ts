import { OpenAPIHono } from '@hono/zod-openapi'
import type { Env } from '../context.js'
import { validationHook } from '../errors.js'

// The `granary` context's routes (issue 5).
export const granaryApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
