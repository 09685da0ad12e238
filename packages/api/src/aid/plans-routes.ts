import { OpenAPIHono } from '@hono/zod-openapi'
import type { Env } from '../context.js'
import { validationHook } from '../errors.js'

// 情系藏区: measures (一户一策), needs → pledges → deliveries.
export const aidPlansApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
