import type { ChayiAppDef } from '@chayi/shell'
import { messages } from './messages'
import HomeScreen from './screens/HomeScreen.vue'

/** 志愿者门户: phone first, for volunteers and the leaders who work with them. */
export const volunteerApp: ChayiAppDef = {
  name: 'volunteer',
  title: { 'zh-CN': '志愿者门户', en: 'Volunteer portal' },
  layout: 'phone',
  roles: ['volunteer', 'leader', 'admin'],
  auth: 'password',
  messages,
  routes: [
    { path: '', name: 'home', component: HomeScreen },
    // Secondary screens load on first visit; home is in the first download.
    { path: 'me', name: 'me', component: () => import('./screens/MeScreen.vue') },
  ],
  nav: [
    { to: '/', labelKey: 'volunteer.nav.home', icon: 'home' },
    { to: '/me', labelKey: 'volunteer.nav.me', icon: 'user' },
  ],
}
