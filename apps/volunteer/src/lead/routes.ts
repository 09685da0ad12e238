import type { Role } from '@chayi/domain'
import type { ChayiAppDef } from '@chayi/shell'

/** The leader screens of the portal (my activities, roster, QR display, approvals). Lazy, leader/admin only. */
const roles: Role[] = ['leader', 'admin']

export const leadRoutes: ChayiAppDef['routes'] = [
  {
    // One parent (no component of its own), so the nav item 带队 stays marked on every screen under /lead.
    path: 'lead',
    meta: { roles },
    children: [
      { path: '', name: 'lead', component: () => import('./LeadHomeScreen.vue') },
      { path: 'activities/new', name: 'lead-activity-new', component: () => import('./ActivityFormScreen.vue') },
      { path: 'activities/:id/edit', name: 'lead-activity-edit', component: () => import('./ActivityFormScreen.vue') },
      { path: 'activities/:id', name: 'lead-activity', component: () => import('./RosterScreen.vue') },
      { path: 'approvals', name: 'lead-approvals', component: () => import('./ApprovalsScreen.vue') },
    ],
  },
  // Full screen, outside the frame: the leader holds the phone up (or props a tablet) for people to scan.
  { path: 'lead/activities/:id/qr', name: 'lead-activity-qr', component: () => import('./QrScreen.vue'), meta: { roles, frame: false } },
]

// The label key is also used by the screens' "back to 带队" links, so messages.test.ts sees it in a .vue.
export const leadNav: NonNullable<ChayiAppDef['nav']> = [{ to: '/lead', labelKey: 'volunteer.lead.nav', icon: 'check', roles }]
