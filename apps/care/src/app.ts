import { createApiClient, type ChayiAppDef } from '@chayi/shell'
import { ADMINS, MANAGERS } from './config'
import { messages } from './messages'
import { careModules } from './modules'
import OverviewScreen from './screens/OverviewScreen.vue'

/** 关爱中心台: the care centre's desktop console. */
export const careApp: ChayiAppDef = {
  name: 'care',
  title: { 'zh-CN': '关爱中心台', en: 'Care-centre console' },
  layout: 'desktop',
  roles: ['care_staff', 'admin', 'leader'],
  auth: 'password',
  // Its screens call the API through the typed client (useApi().client).
  client: createApiClient,
  messages,
  routes: [
    { path: '', name: 'overview', component: OverviewScreen },
    // The other screens load on first visit; the overview is in the first download.
    { path: 'accounts', name: 'accounts', component: () => import('./screens/AccountsScreen.vue'), meta: { roles: MANAGERS } },
    { path: 'devices', name: 'devices', component: () => import('./screens/DevicesScreen.vue'), meta: { roles: MANAGERS } },
    { path: 'access-log', name: 'access-log', component: () => import('./screens/AccessLogScreen.vue'), meta: { roles: ADMINS } },
    { path: 'settings', name: 'settings', component: () => import('./screens/SettingsScreen.vue') },
    ...careModules.flatMap((m) => m.routes),
  ],
  nav: [
    { to: '/', labelKey: 'care.nav.overview', icon: 'home' },
    ...careModules.flatMap((m) => m.nav),
    { to: '/accounts', labelKey: 'care.nav.accounts', icon: 'user', roles: MANAGERS },
    { to: '/devices', labelKey: 'care.nav.devices', icon: 'qr', roles: MANAGERS },
    { to: '/access-log', labelKey: 'care.nav.accessLog', icon: 'list', roles: ADMINS },
    { to: '/settings', labelKey: 'care.nav.settings', icon: 'settings' },
  ],
}
