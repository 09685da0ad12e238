import type { ChayiAppDef } from '@chayi/shell'
import { messages } from './messages'

/**
 * 藏区帮扶: the aid workers' app for the "情系藏区" project, on a phone or tablet that is often
 * out of reach of any network. Writes go through the outbox; the last sign-in opens it offline.
 */
export const trackerApp: ChayiAppDef = {
  name: 'tracker',
  title: { 'zh-CN': '藏区帮扶', en: 'Aid tracker' },
  layout: 'phone',
  routes: [
    { path: '', name: 'home', component: () => import('./screens/HomeScreen.vue') },
    { path: 'me', name: 'me', component: () => import('./screens/MeScreen.vue') },
  ],
  nav: [
    { to: '/', labelKey: 'tracker.nav.home', icon: 'home' },
    { to: '/me', labelKey: 'tracker.nav.me', icon: 'user' },
  ],
  roles: ['aid_worker', 'leader', 'admin'],
  messages,
  auth: 'password',
  offline: true,
}
