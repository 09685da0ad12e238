import { OpenAPIHono } from '@hono/zod-openapi'
import type { Env } from '../context.js'
import { validationHook } from '../errors.js'

// 茶馆 (issue 6): menu and settings, shifts, sales with charity cups, serving cups to care-card holders,
// goods intake for the granary, and the public board. Routes are added here as they are built.
export const teahouseApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
