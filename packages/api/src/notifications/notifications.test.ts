import { Writable } from 'node:stream'
import pino from 'pino'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { NotificationList } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi, testClock } from '../testing.js'
import { transact } from '../write.js'
import { dispatchOutbox, logSender, MAX_ATTEMPTS, type NotificationSender } from './dispatch.js'
import { notify } from './notify.js'

describeEachDialect('notifications: inbox, read marks and the outbox dispatcher', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let teamId: string
  const clock = testClock()
  beforeAll(async () => {
    api = await createTestApi(ctx(), { clock, config: { sessionIdleMinutes: 60 * 24 * 400, sessionMaxHours: 24 * 400 } })
    teamId = (await api.makeTeam('nt')).id
  }, 60_000)
  afterAll(() => api.close())

  async function person() {
    const user = await api.makeUser(teamId, ['volunteer'])
    return { id: user.id, cookie: await api.signIn(user.username!) }
  }

  /** Notifies through notify() in a write, as the contexts do; each call a minute later. */
  async function tell(userIds: string[], params: Record<string, string | number>, kind: 'reminder' | 'hours_approved' = 'reminder', dedupeKey?: string) {
    clock.advance(60_000)
    const r = await transact(api.deps, { teamId, actor: 'system' }, async (w) => ({ status: 200, body: await notify(w, { userIds, kind, params, dedupeKey }) }))
    return r.body
  }

  describe('inbox', () => {
    it('lists own notifications newest first with a cursor and the unread count; marks some or all read', async () => {
      const a = await person()
      const b = await person()
      for (let i = 1; i <= 3; i++) await tell([a.id], { title: `活动${i}` })
      await tell([b.id], { title: '别人的' })
      // The same dedupe key tells a person once.
      expect(await tell([a.id, a.id], { title: '提醒' }, 'reminder', 'reminder:x')).toBe(1)
      expect(await tell([a.id], { title: '提醒' }, 'reminder', 'reminder:x')).toBe(0)

      const first = NotificationList.parse((await api.call('GET', '/api/v1/notifications?limit=3', { cookie: a.cookie })).json)
      expect(first.unread).toBe(4)
      expect(first.items.map((n) => n.params.title)).toEqual(['提醒', '活动3', '活动2'])
      expect(first.items.every((n) => n.readAt === null && n.kind === 'reminder')).toBe(true)
      const second = NotificationList.parse((await api.call('GET', `/api/v1/notifications?limit=3&cursor=${first.nextCursor}`, { cookie: a.cookie })).json)
      expect(second.items.map((n) => n.params.title)).toEqual(['活动1'])
      expect(second.nextCursor).toBeNull()

      const bList = NotificationList.parse((await api.call('GET', '/api/v1/notifications', { cookie: b.cookie })).json)
      expect(bList.items.map((n) => n.params.title)).toEqual(['别人的'])

      // Someone else's id is ignored, not an error (and not a way to learn ids exist).
      const some = await api.call('POST', '/api/v1/notifications/read', { cookie: a.cookie, body: { ids: [first.items[0]!.id, bList.items[0]!.id] } })
      expect(some.status, some.text).toBe(200)
      expect(some.json).toEqual({ unread: 3 })
      expect(NotificationList.parse((await api.call('GET', '/api/v1/notifications', { cookie: b.cookie })).json).unread).toBe(1)
      const after = NotificationList.parse((await api.call('GET', '/api/v1/notifications', { cookie: a.cookie })).json)
      expect(after.items[0]!.readAt).toBe(clock.now().toISOString())

      const all = await api.call('POST', '/api/v1/notifications/read', { cookie: a.cookie, body: { all: true } })
      expect(all.json).toEqual({ unread: 0 })
      expect(NotificationList.parse((await api.call('GET', '/api/v1/notifications', { cookie: a.cookie })).json).unread).toBe(0)
    })

    it('refuses bad bodies and strangers in the contract shape, changing nothing', async () => {
      const a = await person()
      await tell([a.id], { title: 'x' })
      for (const body of [{ ids: [] }, { all: false }, {}, { ids: 'one' }]) {
        const r = await api.call('POST', '/api/v1/notifications/read', { cookie: a.cookie, body })
        expect([r.status, r.json.error.code], JSON.stringify(body)).toEqual([400, 'invalid_request'])
      }
      expect((await api.call('GET', '/api/v1/notifications?limit=0', { cookie: a.cookie })).status).toBe(400)
      expect((await api.call('GET', '/api/v1/notifications?cursor=zz', { cookie: a.cookie })).status).toBe(400)
      expect((await api.call('GET', '/api/v1/notifications')).status).toBe(401)
      expect((await api.call('POST', '/api/v1/notifications/read', { body: { all: true } })).status).toBe(401)
      expect(NotificationList.parse((await api.call('GET', '/api/v1/notifications', { cookie: a.cookie })).json).unread).toBe(1)
    })
  })

  describe('outbox dispatcher', () => {
    beforeEach(async () => {
      // Each test starts with an empty outbox (earlier tests leave rows pending).
      await api.deps.db.deleteFrom('notificationOutbox').execute()
      api.deps.senders = undefined
    })

    const outbox = () => api.deps.db.selectFrom('notificationOutbox').selectAll().orderBy('id').execute()

    it('retries a failing send with backoff, then marks it sent when the sender recovers', async () => {
      const a = await person()
      await tell([a.id], { title: 'retry me' }, 'hours_approved')
      let fail = true
      const got: unknown[] = []
      const sender: NotificationSender = {
        channel: 'log',
        async send(n) {
          if (fail) throw new Error('gateway down')
          got.push(n)
        },
      }
      api.deps.senders = [sender]
      expect(await dispatchOutbox(api.deps)).toEqual({ sent: 0, failed: 1 })
      let [row] = await outbox()
      expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'gateway down', sentAt: null })
      expect(Date.parse(row!.nextAttemptAt) - clock.now().getTime()).toBe(60_000)
      // Not due yet: nothing happens.
      expect(await dispatchOutbox(api.deps)).toEqual({ sent: 0, failed: 0 })
      clock.advance(60_000)
      expect(await dispatchOutbox(api.deps)).toEqual({ sent: 0, failed: 1 })
      ;[row] = await outbox()
      expect(row).toMatchObject({ attempts: 2 })
      expect(Date.parse(row!.nextAttemptAt) - clock.now().getTime()).toBe(120_000)

      fail = false
      clock.advance(120_000)
      expect(await dispatchOutbox(api.deps)).toEqual({ sent: 1, failed: 0 })
      ;[row] = await outbox()
      expect(row).toMatchObject({ status: 'sent', attempts: 3, lastError: null, sentAt: clock.now().toISOString() })
      expect(got).toEqual([{ userId: a.id, kind: 'hours_approved', params: { title: 'retry me' }, createdAt: expect.any(String) }])
      expect(await dispatchOutbox(api.deps)).toEqual({ sent: 0, failed: 0 })
    })

    it(`gives up after ${MAX_ATTEMPTS} failed attempts, keeping the last error; a channel without a sender fails too`, async () => {
      const a = await person()
      await tell([a.id], { title: 'never' })
      await api.deps.db.updateTable('notificationOutbox').set({ channel: 'sms' }).execute()
      for (let i = 1; i <= MAX_ATTEMPTS; i++) {
        expect(await dispatchOutbox(api.deps)).toEqual({ sent: 0, failed: 1 })
        clock.advance(60 * 60_000)
      }
      const [row] = await outbox()
      expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastError: 'no sender for channel "sms"' })
      expect(await dispatchOutbox(api.deps)).toEqual({ sent: 0, failed: 0 })
    })

    it('sends each row once even with two dispatchers running at the same time', async () => {
      const people = await Promise.all([0, 1, 2, 3, 4].map(() => person()))
      await tell(
        people.map((p) => p.id),
        { title: '群发' },
      )
      const sentTo: string[] = []
      api.deps.senders = [
        {
          channel: 'log',
          async send(n) {
            await new Promise((r) => setTimeout(r, 5))
            sentTo.push(n.userId)
          },
        },
      ]
      const [x, y] = await Promise.all([dispatchOutbox(api.deps), dispatchOutbox(api.deps)])
      expect(x.sent + y.sent).toBe(5)
      expect(x.failed + y.failed).toBe(0)
      expect(sentTo.sort()).toEqual(people.map((p) => p.id).sort())
      expect((await outbox()).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true)
    })

    it('sends on the log channel by default, logging the kind and user id only', async () => {
      const lines: string[] = []
      const stream = new Writable({
        write(chunk, _enc, cb) {
          lines.push(String(chunk))
          cb()
        },
      })
      const a = await person()
      await tell([a.id], { title: '机密的活动名', minutes: 90 }, 'hours_approved')
      const logger = pino({ level: 'info' }, stream)
      const r = await dispatchOutbox({ ...api.deps, logger }, { limit: 10 })
      expect(r).toEqual({ sent: 1, failed: 0 })
      expect(lines).toHaveLength(1)
      expect(JSON.parse(lines[0]!)).toMatchObject({ kind: 'hours_approved', userId: a.id, msg: 'notification' })
      expect(lines[0]).not.toContain('机密')
      expect(lines[0]).not.toContain('minutes')
      // logSender is what the default is made of.
      expect(logSender(logger).channel).toBe('log')
    })
  })
})
