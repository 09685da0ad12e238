import type { CareModule } from '../module'

// The console's `partners` screens: routes, nav items and strings (under care.partners.*), merged in app.ts.
export const partnersModule: CareModule = {
  routes: [],
  nav: [],
  messages: { 'zh-CN': { care: { partners: {} } }, en: { care: { partners: {} } } },
}
