import type { CareModule } from '../module'

// The console's `pairings` screens (空巢不空心): routes, nav items and strings (under care.pairings.*), merged in app.ts.
export const pairingsModule: CareModule = {
  routes: [],
  nav: [],
  messages: { 'zh-CN': { care: { pairings: {} } }, en: { care: { pairings: {} } } },
}
