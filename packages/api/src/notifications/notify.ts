import type { NotificationKind } from '@chayi/domain'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'

/** Channels the outbox sends on besides the in-app inbox; `log` is the default sender. */
export const DEFAULT_CHANNELS = ['log'] as const

export interface NotifyInput {
  userIds: readonly string[]
  kind: NotificationKind
  /** Facts the screen words the message from (no ID numbers, no phones). */
  params: Record<string, string | number>
  activityId?: string | null
  /** Same key for the same user → told once (a sweep running twice, a retried write). */
  dedupeKey?: string
}

/**
 * Tells people something, inside the caller's transaction: one inbox row per person and one
 * outbox row per channel, so a rolled-back write tells no one and a committed one is sent later
 * by the outbox dispatcher even if the process dies now.
 */
export async function notify(w: Pick<WriteScope, 'trx' | 'teamId' | 'at'>, input: NotifyInput, channels: readonly string[] = DEFAULT_CHANNELS): Promise<number> {
  let made = 0
  for (const userId of new Set(input.userIds)) {
    const id = newId()
    const inserted = await w.trx
      .insertInto('notifications')
      .values({
        id,
        teamId: w.teamId,
        userId,
        kind: input.kind,
        params: JSON.stringify(input.params),
        activityId: input.activityId ?? null,
        dedupeKey: input.dedupeKey ?? null,
        createdAt: w.at,
        readAt: null,
      })
      .onConflict((oc) => oc.columns(['userId', 'dedupeKey']).doNothing())
      .executeTakeFirst()
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) continue
    made++
    for (const channel of channels) {
      await w.trx
        .insertInto('notificationOutbox')
        .values({ id: newId(), notificationId: id, channel, status: 'pending', attempts: 0, nextAttemptAt: w.at, sentAt: null, lastError: null })
        .execute()
    }
  }
  return made
}
