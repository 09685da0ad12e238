import type { ChayiAppDef } from '@chayi/shell'
import { messages } from './messages'

/**
 * 茶馆平板: a tablet on the tea-house counter, paired once with a code, then unlocked by each
 * member of staff with a PIN. Every screen loads on demand, so an unlocked counter downloads
 * only the home screen and the board.
 */
export const kioskApp: ChayiAppDef = {
  name: 'kiosk',
  title: { 'zh-CN': '茶馆平板', en: 'Tea-house kiosk' },
  layout: 'tablet',
  routes: [
    { path: '', name: 'home', component: () => import('./screens/HomeScreen.vue') },
    // 公益看板: shown across the room and linked from the launcher, so open to anyone and full-screen.
    { path: 'board', name: 'board', component: () => import('./screens/BoardScreen.vue'), meta: { public: true, frame: false } },
  ],
  // No side navigation: the home screen's tiles are the counter's menu, and the screen stays wide.
  nav: [],
  roles: ['counter_staff', 'leader', 'admin'],
  messages,
  auth: 'device',
  offline: true,
}
