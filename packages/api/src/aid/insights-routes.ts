import { OpenAPIHono } from '@hono/zod-openapi'
import type { Env } from '../context.js'
import { validationHook } from '../errors.js'

// 情系藏区: the dashboard, Excel export and partners' redacted view.
export const aidInsightsApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
