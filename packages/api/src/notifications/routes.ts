import { OpenAPIHono } from '@hono/zod-openapi'
import { ListQuery, MarkRead, NotificationList, UnreadCount } from '@chayi/domain'
import type { Env } from '../context.js'
import { unauthenticated, validationHook } from '../errors.js'
import { errors, json, jsonBody } from '../openapi.js'
import { defineRoute } from '../route.js'
import { write } from '../write.js'
import { listNotifications, markRead } from './inbox.js'

// The in-app inbox (issue 4 item 8). The outbox that sends on other channels is ./dispatch.ts.

const inbox = defineRoute({
  method: 'get',
  path: '/notifications',
  tags: ['notifications'],
  summary: 'Your notifications, newest first, with the number unread',
  access: { signedIn: true },
  request: { query: ListQuery },
  responses: { 200: json(NotificationList, 'Your inbox'), ...errors(400, 401, 403) },
})

const read = defineRoute({
  method: 'post',
  path: '/notifications/read',
  tags: ['notifications'],
  summary: 'Mark some (`ids`; others’ ids are ignored) or `all` of your notifications read',
  access: { signedIn: true },
  request: { body: jsonBody(MarkRead) },
  responses: { 200: json(UnreadCount, 'How many are still unread'), ...errors(400, 401, 403) },
})

export const notificationsApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
  .openapi(inbox, async (c) => {
    const p = c.get('principal')
    if (p?.kind !== 'user') throw unauthenticated()
    return c.json(await listNotifications(c.get('deps').db, p.userId, c.req.valid('query')), 200)
  })
  .openapi(read, async (c) => {
    const p = c.get('principal')
    if (p?.kind !== 'user') throw unauthenticated()
    const body = c.req.valid('json')
    // Read marks are the reader's own state, not a team fact: no audit event.
    const r = await write(c, body, async (w) => ({ status: 200, body: { unread: await markRead(w, p.userId, body) } }))
    return c.json(r.body, 200)
  })
