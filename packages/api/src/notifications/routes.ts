import { OpenAPIHono } from '@hono/zod-openapi'
import type { Env } from '../context.js'
import { validationHook } from '../errors.js'

// The in-app inbox (issue 4 item 8).
export const notificationsApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
