import { OpenAPIHono } from '@hono/zod-openapi'
import type { Env } from '../context.js'
import { validationHook } from '../errors.js'

// 空巢不空心 pairings of volunteers and empty-nest elders, and their visits (issue 5 item 6).
export const pairingsApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
