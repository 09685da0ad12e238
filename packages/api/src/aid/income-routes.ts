import { OpenAPIHono } from '@hono/zod-openapi'
import type { Env } from '../context.js'
import { validationHook } from '../errors.js'

// 情系藏区: lines (低保 standard, monitoring line) and households' incomes, with the per-year chart.
export const aidIncomeApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
