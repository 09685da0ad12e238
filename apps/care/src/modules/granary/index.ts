import type { CareModule } from '../module'

// The console's `granary` screens: routes, nav items and strings (under care.granary.*), merged in app.ts.
export const granaryModule: CareModule = {
  routes: [],
  nav: [],
  messages: { 'zh-CN': { care: { granary: {} } }, en: { care: { granary: {} } } },
}
