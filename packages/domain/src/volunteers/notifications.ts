import { z } from 'zod'
import { Id, IsoDateTime } from '../common.js'

export const NotificationKind = z.enum([
  'enrolled',
  'waitlisted',
  'promoted',
  'activity_changed',
  'activity_cancelled',
  'reminder',
  'hours_approved',
  'hours_rejected',
  'volunteer_approved',
  'volunteer_rejected',
  // 防返贫监测: a visit opened a monitoring case (to the household's worker and the team's leaders).
  'aid_monitoring_opened',
])
export type NotificationKind = z.infer<typeof NotificationKind>

/** An inbox item. The screen words it from `kind` and `params` in the reader's language. */
export const Notification = z.object({
  id: Id,
  kind: NotificationKind,
  /** Facts for the message: activity title and time, minutes, note… (strings and numbers only). */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  activityId: Id.nullable(),
  createdAt: IsoDateTime,
  readAt: IsoDateTime.nullable(),
})
export type Notification = z.infer<typeof Notification>

export const NotificationList = z.object({ items: z.array(Notification), nextCursor: z.string().nullable(), unread: z.number().int() })
export const MarkRead = z.object({ ids: z.array(Id).min(1).max(200) }).or(z.object({ all: z.literal(true) }))

/** What marking read answers: how many are still unread. */
export const UnreadCount = z.object({ unread: z.number().int() })
