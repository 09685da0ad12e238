import type { CareModule } from '../module'

// The console's `register` screens: routes, nav items and strings (under care.register.*), merged in app.ts.
export const registerModule: CareModule = {
  routes: [],
  nav: [],
  messages: { 'zh-CN': { care: { register: {} } }, en: { care: { register: {} } } },
}
