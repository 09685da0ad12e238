import { OpenAPIHono, z } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { sql } from 'kysely'
import { randomUUID } from 'node:crypto'
import type { Deps, Env } from './context.js'
import { mountDocs } from './docs/swagger.js'
import { ApiError, errorBody, toErrorResponse, validationHook } from './errors.js'
import { kioskApp } from './identity/kiosk.js'
import { identityApp } from './identity/routes.js'
import { principalMiddleware } from './identity/session.js'
import { ledgerApp } from './ledger/routes.js'
import { volunteersApp } from './volunteers/routes.js'
import { volunteerAdminApp } from './volunteers/admin/routes.js'
import { activitiesApp } from './activities/routes.js'
import { hoursApp } from './hours/routes.js'
import { notificationsApp } from './notifications/routes.js'
import { careApp } from './care/routes.js'
import { granaryApp } from './granary/routes.js'
import { fundApp } from './fund/routes.js'
import { partnersApp } from './partners/routes.js'
import { pairingsApp } from './pairings/routes.js'
import { reportsApp } from './reports/routes.js'
import { teahouseApp } from './teahouse/routes.js'
import { aidApp } from './aid/routes.js'
import { aidIncomeApp } from './aid/income-routes.js'
import { aidPlansApp } from './aid/plans-routes.js'
import { aidVisitsApp } from './aid/visits-routes.js'
import { aidInsightsApp } from './aid/insights-routes.js'
import { errors, json } from './openapi.js'
import { defineRoute } from './route.js'

export const API_VERSION = '0.1.0'

const health = defineRoute({
  method: 'get',
  path: '/api/health',
  tags: ['system'],
  summary: 'Liveness and database reachability',
  access: { public: true },
  responses: {
    200: json(z.object({ status: z.literal('ok'), version: z.string(), database: z.enum(['sqlite', 'postgres']) }), 'Healthy'),
    ...errors(400),
  },
})

/** Every context's routes, chained so that AppType carries all of them to the typed client. */
function v1() {
  return new OpenAPIHono<Env>({ defaultHook: validationHook }).route('/', identityApp).route('/', kioskApp).route('/', ledgerApp).route('/', volunteerAdminApp).route('/', volunteersApp)
    .route('/', activitiesApp)
    .route('/', hoursApp)
    .route('/', notificationsApp)
    .route('/', careApp)
    .route('/', granaryApp)
    .route('/', fundApp)
    .route('/', partnersApp)
    .route('/', pairingsApp)
    .route('/', reportsApp)
    .route('/', teahouseApp)
    .route('/', aidApp)
    .route('/', aidIncomeApp)
    .route('/', aidPlansApp)
    .route('/', aidVisitsApp)
    .route('/', aidInsightsApp)
}

function build() {
  return new OpenAPIHono<Env>({ defaultHook: validationHook }).route('/api/v1', v1())
}

export type AppType = ReturnType<typeof build>

/**
 * The whole API as one Hono app. The server mounts it beside the static apps; tests call
 * `app.request()` on it directly.
 */
export function createApi(deps: Deps, opts: { dialect: 'sqlite' | 'postgres' }) {
  const app = new OpenAPIHono<Env>({ defaultHook: validationHook })

  app.use('/api/*', async (c, next) => {
    const started = performance.now()
    const requestId = c.req.header('x-request-id')?.slice(0, 64) || randomUUID()
    c.set('deps', deps)
    c.set('principal', null)
    c.set('requestId', requestId)
    c.header('x-request-id', requestId)
    await next()
    const p = c.get('principal')
    deps.logger.info(
      { reqId: requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started), actor: p ? (p.kind === 'user' ? p.userId : `device:${p.deviceId}`) : undefined },
      'request',
    )
  })
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: deps.config.maxBodyBytes,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', `The request body is larger than ${deps.config.maxBodyBytes} bytes.`)
      },
    }),
  )
  if (deps.config.corsOrigins.length) {
    app.use(
      '/api/*',
      cors({
        origin: deps.config.corsOrigins,
        credentials: true,
        allowHeaders: ['content-type', 'idempotency-key', 'authorization', 'x-chayi-staff', 'x-request-id'],
        exposeHeaders: ['idempotent-replayed', 'x-request-id', 'retry-after'],
        maxAge: 600,
      }),
    )
  }
  app.use('/api/v1/*', principalMiddleware())

  app.openapi(health, async (c) => {
    await sql`select 1`.execute(c.get('deps').db)
    return c.json({ status: 'ok' as const, version: API_VERSION, database: opts.dialect }, 200)
  })
  app.route('/', build())

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'chayi_session' })
  app.openAPIRegistry.registerComponent('securitySchemes', 'device', { type: 'http', scheme: 'bearer', description: 'Paired kiosk device token' })
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: '茶义 Chayi API',
      version: API_VERSION,
      description: 'One typed core for a community volunteer team. Errors: {"error":{"code","message","issues"}}. Money is integer fen.',
    },
  })
  mountDocs(app)

  app.notFound((c) => {
    if (c.req.path.startsWith('/api')) return c.json(errorBody('not_found', `No route ${c.req.method} ${c.req.path}.`), 404)
    return c.text('Not found', 404)
  })
  app.onError((err, c) => toErrorResponse(err, c, (e) => deps.logger.error({ err: e, reqId: c.get('requestId') }, 'unhandled error')))
  return app
}

export type ChayiApi = ReturnType<typeof createApi>
