import { createApiClient, type ChayiAppDef } from '@chayi/shell'
import './screens/portal.css'
import { messages } from './messages'
import HomeScreen from './screens/HomeScreen.vue'
import { leadNav, leadRoutes } from './lead/routes'

/** 志愿者门户: phone first, for volunteers and the leaders who work with them. */
export const volunteerApp: ChayiAppDef = {
  name: 'volunteer',
  title: { 'zh-CN': '志愿者门户', en: 'Volunteer portal' },
  layout: 'phone',
  roles: ['volunteer', 'leader', 'admin'],
  auth: 'password',
  // Its screens call the API through the typed client (useApi().client).
  client: createApiClient,
  messages,
  routes: [
    { path: '', name: 'home', component: HomeScreen },
    // Secondary screens load on first visit; home is in the first download.
    { path: 'activities/:id', name: 'activity', component: () => import('./screens/ActivityScreen.vue') },
    // Also what a phone camera opens from the leader's QR code: /volunteer/check-in?t=<token>.
    { path: 'check-in', name: 'check-in', component: () => import('./screens/CheckInScreen.vue') },
    { path: 'me', name: 'me', component: () => import('./screens/MeScreen.vue') },
    { path: 'me/edit', name: 'me-edit', component: () => import('./screens/EditProfileScreen.vue') },
    { path: 'hours', name: 'hours', component: () => import('./screens/HoursScreen.vue') },
    { path: 'certificates', name: 'certificates', component: () => import('./screens/CertificatesScreen.vue') },
    { path: 'certificates/:id', name: 'certificate', component: () => import('./screens/CertificateScreen.vue') },
    { path: 'pairings', name: 'pairings', component: () => import('./screens/PairingsScreen.vue') },
    { path: 'inbox', name: 'inbox', component: () => import('./screens/InboxScreen.vue') },
    // A certificate's QR code leads here: anyone may read it, no sign-in, no app frame.
    { path: 'verify/:number', name: 'verify', component: () => import('./screens/VerifyScreen.vue'), meta: { public: true, frame: false } },
    { path: 'join-requests', name: 'join-requests', component: () => import('./screens/JoinRequestsScreen.vue'), meta: { roles: ['leader', 'admin'] } },
    // Anyone may ask to join (no account yet): full-screen, outside the signed-in frame.
    { path: 'register', name: 'register', component: () => import('./screens/RegisterScreen.vue'), meta: { public: true, frame: false } },
    // Where my registration stands (waiting, not approved, left) and "apply again": public like
    // registration, since leaving takes the volunteer role and the shell's no-access page has no way back.
    { path: 'membership', name: 'membership', component: () => import('./screens/MembershipScreen.vue'), meta: { public: true, frame: false } },
    ...leadRoutes,
  ],
  nav: [
    { to: '/', labelKey: 'volunteer.nav.home', icon: 'home' },
    { to: '/join-requests', labelKey: 'volunteer.nav.joinRequests', icon: 'list', roles: ['leader', 'admin'] },
    ...leadNav,
    { to: '/inbox', labelKey: 'volunteer.nav.inbox', icon: 'info' },
    { to: '/me', labelKey: 'volunteer.nav.me', icon: 'user' },
  ],
  signUp: { to: '/register', labelKey: 'volunteer.register.signUpLink' },
}
