import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Notification } from '@chayi/domain'
import { usePortalApi } from './portal-api'

/**
 * The inbox and its unread count, one per app: home and Me show the count (the shell's tab bar
 * takes no badge from an app yet), the inbox lists the messages and marks them read.
 */
export const useInboxStore = defineStore('volunteer-inbox', () => {
  const portal = usePortalApi()
  const items = ref<Notification[]>([])
  /** null until the first load. */
  const unread = ref<number | null>(null)

  async function load() {
    const list = await portal.notifications()
    items.value = list.items
    unread.value = list.unread
    return list
  }

  async function markRead(ids: string[] | 'all') {
    const res = await portal.markRead(ids)
    const now = new Date().toISOString()
    const set = ids === 'all' ? null : new Set(ids)
    items.value = items.value.map((n) => (!n.readAt && (!set || set.has(n.id)) ? { ...n, readAt: now } : n))
    unread.value = res.unread
  }

  return { items, unread, load, markRead }
})
