import { OpenAPIHono } from '@hono/zod-openapi'
import type { Env } from '../context.js'
import { validationHook } from '../errors.js'

// The `partners` context's routes (issue 5).
export const partnersApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
