/** The locales the UI speaks; the same union as `Locale` in @chayi/domain (kept here so ui needs no domain import). */
export type UiLocale = 'zh-CN' | 'en'
export const UI_LOCALES: readonly UiLocale[] = ['zh-CN', 'en']

/** One problem with a request, as in the API's `error.issues`: `path` is dotted ("address.city", "items.0.qty"). */
export interface FormIssue {
  path: string
  message: string
}

export interface SelectOption {
  value: string
  label: string
  disabled?: boolean
}

/** A route location as vue-router takes it; typed loosely so ui does not depend on vue-router. */
export type LinkTarget = string | Record<string, unknown>

export interface NavItem {
  /** Stable key; compared with the `active` prop of CTabBar / CSideNav. */
  key: string
  label: string
  icon?: IconName
  /** A router location (rendered as RouterLink when vue-router is installed) … */
  to?: LinkTarget
  /** … or a plain URL. */
  href?: string
  /** A count or short text shown on the item, e.g. unsent writes. */
  badge?: number | string
  /** Active only on an exact route match (for a home item whose route is a parent of others). */
  exact?: boolean
}

export interface NavGroup {
  label?: string
  items: NavItem[]
}

export type Tone = 'neutral' | 'brand' | 'info' | 'success' | 'warning' | 'danger'

export type ToastKind = 'info' | 'success' | 'warning' | 'error'

export interface TabItem {
  key: string
  label: string
  icon?: IconName
  disabled?: boolean
}

export interface TableColumn<Row = Record<string, unknown>> {
  key: string
  label: string
  sortable?: boolean
  align?: 'start' | 'center' | 'end'
  /** Text for a cell; defaults to String(row[key]). A `#cell-<key>` slot overrides both. */
  format?: (value: unknown, row: Row) => string
  /** Custom sort order; defaults to numbers numerically and strings with the locale's collation. */
  compare?: (a: Row, b: Row) => number
}

export type SortDirection = 'ascending' | 'descending'

export interface SortState {
  key: string
  direction: SortDirection
}

export type StatTrend = { direction: 'up' | 'down' | 'flat'; text: string }

export type AppLayout = 'phone' | 'tablet' | 'desktop'

export const ICON_NAMES = [
  'home', 'user', 'calendar', 'qr', 'cup', 'box', 'fund', 'heart', 'map', 'settings', 'check', 'x', 'alert',
  'info', 'chevron-left', 'chevron-right', 'plus', 'search', 'logout', 'wifi-off', 'clock', 'star', 'list', 'chart',
] as const
export type IconName = (typeof ICON_NAMES)[number]
