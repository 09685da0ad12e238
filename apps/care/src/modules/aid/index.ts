import type { Role } from '@chayi/domain'
import type { CareModule } from '../module'
import { aidMessages } from './messages'

// The console's `aid` screens (情系藏区, issue 7): the leaders' desk beside the field workers'
// tracker — needs → pledges → deliveries, the yearly lines, the dashboard with its Excel export,
// exit approval and the monitoring cases, partners' view links; and two public pages outside the
// frame (a partner's redacted view, the exit notices). Strings under care.aid.*, merged in app.ts.
/** The aid routes' roles that may sign in to the care console (aid workers use the tracker). */
const AID_DESK: Role[] = ['leader', 'admin']
const meta = { roles: AID_DESK }

export const aidModule: CareModule = {
  routes: [
    { path: 'aid', name: 'aid', component: () => import('./AidDashboardScreen.vue'), meta },
    { path: 'aid/needs', name: 'aid-needs', component: () => import('./NeedsScreen.vue'), meta },
    { path: 'aid/needs/:id', name: 'aid-need', component: () => import('./NeedScreen.vue'), props: true, meta },
    { path: 'aid/deliveries/:id', name: 'aid-delivery', component: () => import('./DeliveryScreen.vue'), props: true, meta },
    { path: 'aid/lines', name: 'aid-lines', component: () => import('./LinesScreen.vue'), meta },
    { path: 'aid/exit', name: 'aid-exit', component: () => import('./ExitScreen.vue'), meta },
    { path: 'aid/links', name: 'aid-links', component: () => import('./LinksScreen.vue'), meta },
    // Opened by people without an account, on a phone: public, outside the console's frame.
    { path: 'p/:token', name: 'aid-partner-view', component: () => import('./PublicPartnerScreen.vue'), props: true, meta: { public: true, frame: false } },
    { path: 'notices', name: 'aid-notices', component: () => import('./PublicNoticesScreen.vue'), meta: { public: true, frame: false } },
  ],
  nav: [{ to: '/aid', labelKey: 'care.aid.nav', icon: 'map', roles: AID_DESK }],
  messages: aidMessages,
}
