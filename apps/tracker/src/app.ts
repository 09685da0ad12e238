import type { ChayiAppDef } from '@chayi/shell'
import { conflictHandoff } from './aid/conflict-record'
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
    { path: 'households', name: 'households', component: () => import('./screens/HouseholdsScreen.vue') },
    { path: 'households/:id', name: 'household', component: () => import('./screens/HouseholdScreen.vue') },
    { path: 'households/:id/visit', name: 'visit', component: () => import('./screens/VisitScreen.vue') },
    // 送达登记: a pledged need's delivery, recorded at the door (a versioned draft, then the outbox).
    { path: 'needs/:id/delivery', name: 'delivery', component: () => import('./screens/DeliveryScreen.vue') },
    // 防返贫监测: one monitoring case (home check and decision through the outbox).
    { path: 'cases/:id', name: 'case', component: () => import('./screens/CaseScreen.vue') },
    // 修改冲突: one refused household change (an outbox record id), compared field by field.
    { path: 'conflicts/:id', name: 'conflict', component: () => import('./screens/ConflictScreen.vue') },
    { path: 'me', name: 'me', component: () => import('./screens/MeScreen.vue') },
  ],
  nav: [
    { to: '/', labelKey: 'tracker.nav.home', icon: 'home' },
    { to: '/households', labelKey: 'tracker.nav.households', icon: 'list' },
    { to: '/me', labelKey: 'tracker.nav.me', icon: 'user' },
  ],
  roles: ['aid_worker', 'leader', 'admin'],
  messages,
  auth: 'password',
  offline: true,
  // A household change refused as stale is settled on the conflict screen, not given up in the outbox panel.
  outbox: { handledBy: conflictHandoff },
}
