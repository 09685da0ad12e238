import { OpenAPIHono } from '@hono/zod-openapi'
import type { Env } from '../context.js'
import { validationHook } from '../errors.js'

// Activities, sign-up with waitlist, check-in codes and attendance (filled in by issue 4 items 2–3).
export const activitiesApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
