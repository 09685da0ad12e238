import type { Kysely } from 'kysely'
import type { Database } from '@chayi/db'
import type { Notification, NotificationKind } from '@chayi/domain'
import { decodeCursor, encodeCursor } from '../hours/cursor.js'
import type { WriteScope } from '../write.js'

type Db = Kysely<Database>

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const r = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('userId', '=', userId).where('readAt', 'is', null).executeTakeFirstOrThrow()
  return Number(r.n)
}

/** A person's inbox, newest first, with how many are unread. */
export async function listNotifications(db: Db, userId: string, q: { limit: number; cursor?: string | undefined }): Promise<{ items: Notification[]; nextCursor: string | null; unread: number }> {
  let query = db.selectFrom('notifications').selectAll().where('userId', '=', userId).orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(q.limit + 1)
  if (q.cursor) {
    const c = decodeCursor(q.cursor)
    query = query.where((eb) => eb.or([eb('createdAt', '<', c.createdAt), eb.and([eb('createdAt', '=', c.createdAt), eb('id', '<', c.id)])]))
  }
  const rows = await query.execute()
  const more = rows.length > q.limit
  const pageRows = more ? rows.slice(0, q.limit) : rows
  const last = pageRows[pageRows.length - 1]
  return {
    items: pageRows.map((r) => ({
      id: r.id,
      kind: r.kind as NotificationKind,
      params: JSON.parse(r.params) as Record<string, string | number>,
      activityId: r.activityId,
      createdAt: r.createdAt,
      readAt: r.readAt,
    })),
    nextCursor: more && last ? encodeCursor(last.createdAt, last.id) : null,
    unread: await unreadCount(db, userId),
  }
}

/** Marks some (ids not the person's are ignored) or all of a person's notifications read; returns the unread count. */
export async function markRead(w: Pick<WriteScope, 'trx' | 'at'>, userId: string, which: { ids: string[] } | { all: true }): Promise<number> {
  let q = w.trx.updateTable('notifications').set({ readAt: w.at }).where('userId', '=', userId).where('readAt', 'is', null)
  if ('ids' in which) q = q.where('id', 'in', which.ids)
  await q.execute()
  return unreadCount(w.trx, userId)
}
