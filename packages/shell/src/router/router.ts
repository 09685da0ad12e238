import { defineAsyncComponent } from 'vue'
import { createRouter, createWebHistory, type RouterHistory, type RouteRecordRaw } from 'vue-router'
import AppShell from '../components/AppShell.vue'
import type { ChayiAppDef } from '../types.js'
import { ROUTES } from './guards.js'

const loadSignIn = () => import('../components/SignInPage.vue')
const loadPair = () => import('../components/PairDevicePage.vue')
const loadPin = () => import('../components/StaffPinPage.vue')
const loadNoAccess = () => import('../components/NoAccessPage.vue')
const loadChangePassword = () => import('../components/ChangePasswordPage.vue')

export const SignInPage = defineAsyncComponent(loadSignIn)
export const PairDevicePage = defineAsyncComponent(loadPair)
export const StaffPinPage = defineAsyncComponent(loadPin)
export const NoAccessPage = defineAsyncComponent(loadNoAccess)

/** The shell's screens load on demand: a kiosk that is already unlocked never downloads the sign-in code. */
export function shellRoutes(def: Pick<ChayiAppDef, 'auth' | 'routes'>): RouteRecordRaw[] {
  const signIn: RouteRecordRaw[] =
    def.auth === 'device'
      ? [
          { path: '/pair', name: ROUTES.pairDevice, component: loadPair, meta: { public: true } },
          // Not public: the guard lets a paired device through to its PIN screen.
          { path: '/unlock', name: ROUTES.staffPin, component: loadPin },
        ]
      : [
          { path: '/sign-in', name: ROUTES.signIn, component: loadSignIn, meta: { public: true } },
          // Outside the frame and its navigation: after a password reset, this is the only screen.
          { path: '/change-password', name: ROUTES.changePassword, component: loadChangePassword },
        ]
  // `meta.frame: false` screens (a full-screen public board) render on their own, outside AppShell.
  const bare = def.routes.filter((r) => r.meta?.frame === false).map((r) => ({ ...r, path: r.path.startsWith('/') ? r.path : `/${r.path}` }) as RouteRecordRaw)
  const framed = def.routes.filter((r) => r.meta?.frame !== false)
  return [
    ...signIn,
    { path: '/no-access', name: ROUTES.noAccess, component: loadNoAccess, meta: { public: true } },
    ...bare,
    { path: '/', component: AppShell, children: framed },
    { path: '/:unknown(.*)*', redirect: '/' },
  ]
}

export function createShellRouter(def: Pick<ChayiAppDef, 'auth' | 'routes'>, history?: RouterHistory) {
  return createRouter({
    // The app's base path (/volunteer/, /kiosk/ …) comes from Vite's `base`.
    history: history ?? createWebHistory(import.meta.env.BASE_URL),
    routes: shellRoutes(def),
  })
}
