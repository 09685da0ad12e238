import type { Locale, Role } from '@chayi/domain'
import type { RouteLocationRaw, RouteRecordRaw } from 'vue-router'
import type { IconName } from '@chayi/ui'
import type { ChayiClient } from './api/client.js'
import type { OutboxRecord } from './outbox/records.js'

export type AppName = 'volunteer' | 'kiosk' | 'care' | 'tracker'
export type AppLayout = 'phone' | 'tablet' | 'desktop'

/** A vue-i18n message tree. */
export interface MessageTree {
  [key: string]: string | MessageTree
}
export type LocaleMessages = Record<Locale, MessageTree>
/** A language's tree in a chunk of its own, loaded the first time that language is shown. */
export type MessageLoader = () => Promise<MessageTree>
/** Message trees by language, each given at once or loaded on demand. */
export type MessageSources = Partial<Record<Locale, MessageTree | MessageLoader>>
/**
 * An app's messages: Chinese always at hand (the default and the fallback for anything missing),
 * other languages as trees or loaders — `en: () => import('./messages.en').then((m) => m.en)`.
 */
export type AppMessages = { 'zh-CN': MessageTree } & MessageSources

/**
 * A refused outbox write that the app resolves on a screen of its own (a 409 version conflict to
 * compare, say): the outbox panel links there instead of offering to give the write up.
 */
export interface OutboxHandoff {
  /** The app's screen that resolves this write, e.g. `/conflicts/<record id>`. */
  to: RouteLocationRaw
  /** An i18n key for the link (default `shell.outbox.resolve`, 去处理). */
  labelKey?: string
  /** An i18n key for a line saying what the screen asks (default `shell.outbox.handled`). */
  hintKey?: string
  /** An i18n key naming the write in the user's words (default: its method and path). */
  titleKey?: string
}

/** What an offline app tells the shell about its outbox. */
export interface AppOutbox {
  /**
   * Asked for each failed write: where the app resolves it, or null when the app does not (the
   * panel then offers retry and discard). Keep it light: it runs in the top bar's panel.
   */
  handledBy?: (record: OutboxRecord) => OutboxHandoff | null | undefined
}

export interface NavItem {
  to: RouteLocationRaw
  /** An i18n key, e.g. `volunteer.nav.home`. */
  labelKey: string
  icon: IconName
  /** Shown only to these roles (default: everyone who may use the app). */
  roles?: Role[]
}

/** One app, as the shell builds it: the four apps differ in these fields, not in plumbing. */
export interface ChayiAppDef {
  name: AppName
  title: Record<Locale, string>
  layout: AppLayout
  /** The app's screens; they render inside AppShell. A route without `meta.roles` needs one of `roles`. */
  routes: RouteRecordRaw[]
  nav: NavItem[]
  /** Who may use this app at all (deny by default). */
  roles: Role[]
  messages: AppMessages
  /** `password`: people sign in; `device`: a paired kiosk unlocked by a staff PIN. */
  auth: 'password' | 'device'
  /** Queue writes in the IndexedDB outbox and keep the last session for offline starts. */
  offline?: boolean
  /** For an offline app: which refused writes it resolves itself (see `AppOutbox`). */
  outbox?: AppOutbox
  /** Overrides `<meta name="chayi-api-base">` and `VITE_API_BASE`. */
  apiBase?: string
  /**
   * Makes the typed client for `useApi().client`: pass `createApiClient` from `@chayi/shell`. Left
   * out, the app has none (hono's client then stays out of its download) and reading it throws; the
   * shell's own calls do not need it.
   */
  client?: (apiBase: string, shellFetch: typeof fetch) => ChayiClient
  /** A link under the sign-in form for people without an account yet (e.g. volunteer registration). */
  signUp?: { to: string; labelKey: string }
}

declare module 'vue-router' {
  interface RouteMeta {
    /** Needs one of these roles (on top of the app's `roles`). */
    roles?: Role[]
    /** Reachable by anyone: no sign-in, no paired device (sign-in pages, a public board). */
    public?: boolean
    /** `false`: render full-screen on its own, outside the app's frame (nav, top bar). */
    frame?: boolean
  }
}
