import type { ChayiAppDef } from '@chayi/shell'
import { messages } from './messages'

/**
 * 茶馆平板: a tablet on the tea-house counter, paired once with a code, then unlocked by each
 * member of staff with a PIN. Every screen loads on demand (with its strings, src/teahouse/messages.ts):
 * the first download stays inside the kiosk's 60 kB budget.
 */
export const kioskApp: ChayiAppDef = {
  name: 'kiosk',
  title: { 'zh-CN': '茶馆平板', en: 'Tea-house kiosk' },
  layout: 'tablet',
  routes: [
    { path: '', name: 'home', component: () => import('./screens/HomeScreen.vue') },
    { path: 'sale', name: 'sale', component: () => import('./screens/SaleScreen.vue') },
    { path: 'serve', name: 'serve', component: () => import('./screens/ServeScreen.vue') },
    // A care card's printed QR (careCardPath): opened on the counter tablet, it is a card to serve.
    { path: 'card/:token', redirect: (to) => ({ path: '/serve', query: { card: String(to.params.token) } }) },
    { path: 'intake', name: 'intake', component: () => import('./screens/IntakeScreen.vue') },
    { path: 'shift', name: 'shift', component: () => import('./screens/ShiftScreen.vue') },
    { path: 'menu', name: 'menu', component: () => import('./screens/MenuScreen.vue'), meta: { roles: ['leader', 'admin'] } },
    // 公益看板: shown across the room and linked from the launcher, so open to anyone and full-screen.
    { path: 'board', name: 'board', component: () => import('./screens/BoardScreen.vue'), meta: { public: true, frame: false } },
    // The page a customer's phone opens from the receipt's QR: public, phone-sized, outside the frame.
    { path: 'r/:code', name: 'receipt', component: () => import('./screens/PublicReceiptScreen.vue'), meta: { public: true, frame: false } },
  ],
  // No side navigation: the home screen's tiles are the counter's menu, and the screen stays wide.
  nav: [],
  roles: ['counter_staff', 'leader', 'admin'],
  messages,
  auth: 'device',
  offline: true,
}
