import type { CareModule } from '../module'

// The console's `fund` screens: routes, nav items and strings (under care.fund.*), merged in app.ts.
export const fundModule: CareModule = {
  routes: [],
  nav: [],
  messages: { 'zh-CN': { care: { fund: {} } }, en: { care: { fund: {} } } },
}
