import type { Logger } from 'pino'
import type { Deps } from '../context.js'

/** Sends notifications on one channel (SMS, WeChat, e-mail…); throws to have the send retried. */
export interface NotificationSender {
  channel: string
  send(n: { userId: string; kind: string; params: Record<string, string | number>; createdAt: string }): Promise<void>
}

/** The default sender of the `log` channel: the kind and the user id only, no personal data. */
export function logSender(logger: Logger): NotificationSender {
  return {
    channel: 'log',
    async send(n) {
      logger.info({ kind: n.kind, userId: n.userId }, 'notification')
    },
  }
}

/** Tries per outbox row before it is marked failed. */
export const MAX_ATTEMPTS = 5
/** How long a claimed row is left alone, in case the dispatcher that claimed it dies mid-send. */
export const CLAIM_LEASE_MS = 5 * 60_000
/** Wait before retry n (1-based): 1, 2, 4, 8 minutes. */
export const retryDelayMs = (attempt: number) => 60_000 * 2 ** (attempt - 1)

/**
 * Sends what is due in the outbox (status pending, nextAttemptAt reached), oldest first, each on
 * the sender of its channel (`deps.senders`, else the log sender). A row is claimed first by a
 * conditional update that counts the attempt and pushes nextAttemptAt out by a lease, so two
 * dispatchers never send one row at once, and a dispatcher that dies mid-send leaves the row to be
 * retried after the lease (delivery is at least once). A failed send is retried after 1, 2, 4, 8
 * minutes; the fifth failure marks the row failed with the last error. Returns how many sends
 * succeeded and failed in this run.
 */
export async function dispatchOutbox(deps: Deps, opts: { limit?: number } = {}): Promise<{ sent: number; failed: number }> {
  const senders = new Map((deps.senders ?? [logSender(deps.logger)]).map((s) => [s.channel, s]))
  const now = deps.clock.now()
  const nowIso = now.toISOString()
  const due = await deps.db
    .selectFrom('notificationOutbox')
    .innerJoin('notifications', 'notifications.id', 'notificationOutbox.notificationId')
    .select([
      'notificationOutbox.id',
      'notificationOutbox.channel',
      'notificationOutbox.attempts',
      'notificationOutbox.nextAttemptAt',
      'notifications.userId',
      'notifications.kind',
      'notifications.params',
      'notifications.createdAt',
    ])
    .where('notificationOutbox.status', '=', 'pending')
    .where('notificationOutbox.nextAttemptAt', '<=', nowIso)
    .orderBy('notificationOutbox.nextAttemptAt')
    .orderBy('notificationOutbox.id')
    .limit(opts.limit ?? 100)
    .execute()

  let sent = 0
  let failed = 0
  for (const row of due) {
    const attempts = Number(row.attempts) + 1
    const claimed = await deps.db
      .updateTable('notificationOutbox')
      .set({ attempts, nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS).toISOString() })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .where('attempts', '=', row.attempts)
      .where('nextAttemptAt', '=', row.nextAttemptAt)
      .executeTakeFirst()
    // Another dispatcher took it first.
    if (Number(claimed.numUpdatedRows) !== 1) continue
    try {
      const sender = senders.get(row.channel)
      if (!sender) throw new Error(`no sender for channel "${row.channel}"`)
      await sender.send({ userId: row.userId, kind: row.kind, params: JSON.parse(row.params) as Record<string, string | number>, createdAt: row.createdAt })
      await deps.db.updateTable('notificationOutbox').set({ status: 'sent', sentAt: deps.clock.now().toISOString(), lastError: null }).where('id', '=', row.id).execute()
      sent++
    } catch (err) {
      failed++
      const lastError = (err instanceof Error ? err.message : String(err)).slice(0, 500)
      const done = attempts >= MAX_ATTEMPTS
      await deps.db
        .updateTable('notificationOutbox')
        .set(done ? { status: 'failed', lastError } : { lastError, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)).toISOString() })
        .where('id', '=', row.id)
        .execute()
      deps.logger.warn({ outboxId: row.id, channel: row.channel, attempts, failed: done }, 'notification send failed')
    }
  }
  return { sent, failed }
}
