import type { CareModule } from '../module'

// The console's `people` screens: routes, nav items and strings (under care.people.*), merged in app.ts.
export const peopleModule: CareModule = {
  routes: [],
  nav: [],
  messages: { 'zh-CN': { care: { people: {} } }, en: { care: { people: {} } } },
}
