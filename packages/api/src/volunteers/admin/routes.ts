import { OpenAPIHono, z } from '@hono/zod-openapi'
import { ImportRequest, ImportResponse, VolunteerExportQuery } from '@chayi/domain'
import { actorOf, type Env } from '../../context.js'
import { badRequest, unauthenticated, validationHook } from '../../errors.js'
import { errors, json, jsonBody } from '../../openapi.js'
import { defineRoute } from '../../route.js'
import { transact } from '../../write.js'
import { buildExport, CONTENT_TYPES } from './export.js'
import { importBatch } from './import.js'

/** Who runs the volunteer office: import and export of the roster and hours. */
const VOLUNTEER_OFFICE = ['admin', 'leader', 'care_staff'] as const
const KEY = /^[A-Za-z0-9_-]{8,100}$/

const importRoute = defineRoute({
  method: 'post',
  path: '/volunteers/import',
  tags: ['volunteers'],
  summary:
    'Import up to 200 roster rows (from an Excel sheet): each row is checked and written in its own transaction, so a bad row is reported with its reasons and never stops the others. Imported accounts have no usable password until it is reset; `approve` also gives each a volunteer number and the volunteer role.',
  access: { roles: VOLUNTEER_OFFICE },
  request: { body: jsonBody(ImportRequest) },
  responses: { 200: json(ImportResponse, 'One result per row, in the order sent'), ...errors(400, 401, 403, 409) },
})

const binary = z.string().openapi({ format: 'binary' })

const exportRoute = defineRoute({
  method: 'get',
  path: '/volunteers/export',
  tags: ['volunteers'],
  summary:
    'Approved service hours (`kind=hours`, by volunteer, activity and day, `from`/`to` on the service date) or the roster (`kind=roster`) as .xlsx or CSV (UTF-8 with BOM), with the fields the national volunteer system needs, whole ID numbers included: each exported volunteer gets an access-log row (reason `export`).',
  access: { roles: VOLUNTEER_OFFICE },
  request: { query: VolunteerExportQuery },
  responses: {
    200: { description: 'The file, as an attachment', content: { [CONTENT_TYPES.xlsx]: { schema: binary }, 'text/csv': { schema: binary } } },
    ...errors(400, 401, 403),
  },
})

// Mounted in app.ts before volunteersApp: its GET /volunteers/{id} would otherwise answer /volunteers/export.
export const volunteerAdminApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
  .openapi(importRoute, async (c) => {
    const p = c.get('principal')
    if (!p) throw unauthenticated()
    const key = c.req.header('idempotency-key')
    if (key !== undefined && !KEY.test(key)) throw badRequest('invalid_idempotency_key', 'Idempotency-Key must be 8–100 letters, digits, - or _ (a client UUID).')
    const r = await importBatch(c.get('deps'), { teamId: p.teamId, actor: actorOf(p) }, c.req.valid('json'), key ? { key, method: c.req.method, path: c.req.path } : undefined)
    if (r.replayed) c.header('Idempotent-Replayed', 'true')
    return c.json({ results: r.results }, 200)
  })
  .openapi(exportRoute, async (c) => {
    const deps = c.get('deps')
    const p = c.get('principal')
    if (!p) throw unauthenticated()
    const q = c.req.valid('query')
    // The access log and the file are made in one transaction: no file without its log rows.
    const r = await transact(deps, { teamId: p.teamId, actor: actorOf(p) }, async (w) => ({ status: 200, body: await buildExport(w, deps.cipher, q) }))
    const { body, filename } = r.body
    return c.body(new Uint8Array(body), 200, {
      'content-type': CONTENT_TYPES[q.format],
      'content-disposition': `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      // Whole ID numbers: no cache may keep a copy.
      'cache-control': 'no-store',
    })
  })
