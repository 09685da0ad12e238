import type { Component } from 'vue'
import type { AppLayout } from '../types.js'

/*
 * The frame's navigation by layout: a phone's bottom tab bar, a tablet's or desktop's side nav. An
 * app downloads only the one its layout shows, and an app without navigation (the kiosk) neither.
 * createChayiApp starts the download at start-up, alongside the session check, so the first
 * signed-in screen does not wait for it.
 */
const loaders = {
  phone: () => import('@chayi/ui/components/CTabBar.vue'),
  side: () => import('@chayi/ui/components/CSideNav.vue'),
}
const loaded = new Map<keyof typeof loaders, Promise<Component>>()

export function loadNav(layout: AppLayout): Promise<Component> {
  const which = layout === 'phone' ? 'phone' : 'side'
  let p = loaded.get(which)
  if (!p) loaded.set(which, (p = loaders[which]().then((m) => m.default as Component)))
  return p
}
