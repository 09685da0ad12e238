import { OpenAPIHono, z } from '@hono/zod-openapi'
import { ChainHead } from '@chayi/domain'
import type { Env } from '../context.js'
import { notFound, validationHook } from '../errors.js'
import { errors, json } from '../openapi.js'
import { defineRoute } from '../route.js'
import { chainHead } from './chain.js'

const head = defineRoute({
  method: 'get',
  path: '/public/ledger/head',
  tags: ['ledger'],
  summary: "A team's audit chain head: anyone may note it and later check that history was not rewritten",
  access: { public: true },
  request: { query: z.object({ team: z.string().min(1).max(40) }) },
  responses: { 200: json(ChainHead, 'Chain head'), ...errors(400, 404) },
})

export const ledgerApp = new OpenAPIHono<Env>({ defaultHook: validationHook }).openapi(head, async (c) => {
  const db = c.get('deps').db
  const { team } = c.req.valid('query')
  const t = await db.selectFrom('teams').select(['id', 'code']).where('code', '=', team).executeTakeFirst()
  const h = t && (await chainHead(db, t.id))
  if (!t || !h) throw notFound('Team')
  return c.json({ team: t.code, seq: h.seq, hash: h.hash }, 200)
})
