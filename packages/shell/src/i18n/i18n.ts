import { computed, watch, type WritableComputedRef } from 'vue'
import { createI18n, useI18n } from 'vue-i18n'
import type { Locale } from '@chayi/domain'
import type { LocaleMessages, MessageTree } from '../types.js'

export const LOCALE_STORAGE_KEY = 'chayi.locale'
/**
 * The domain's LOCALES, repeated so the shell's start-up code does not load the schemas (and zod);
 * a Record over `Locale` makes the compiler flag a locale added to the domain but not here.
 */
const KNOWN: Record<Locale, true> = { 'zh-CN': true, en: true }
const LOCALES = Object.keys(KNOWN) as Locale[]
/** Chinese first: the default for anyone who has not chosen. */
export const DEFAULT_LOCALE: Locale = 'zh-CN'

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** The remembered choice, shared by the four apps (one origin, one `chayi.locale`). */
export function storedLocale(): Locale {
  try {
    const v = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY)
    return isLocale(v) ? v : DEFAULT_LOCALE
  } catch {
    return DEFAULT_LOCALE // storage blocked (private mode): no memory, Chinese
  }
}

function mergeTree(into: MessageTree, from: MessageTree): MessageTree {
  const out: MessageTree = { ...into }
  for (const [k, v] of Object.entries(from)) {
    const prev = out[k]
    out[k] = typeof v === 'object' && typeof prev === 'object' ? mergeTree(prev, v) : v
  }
  return out
}

/** Deep-merges message trees per locale; later trees win. */
export function mergeMessages(...sets: Partial<LocaleMessages>[]): LocaleMessages {
  const out: LocaleMessages = { 'zh-CN': {}, en: {} }
  for (const set of sets) for (const l of LOCALES) if (set[l]) out[l] = mergeTree(out[l], set[l])
  return out
}

/** Every leaf key of a tree, dotted. */
export function messageKeys(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : messageKeys(v, `${prefix}${k}.`)))
}

/** Keys one locale has and another lacks; apps test their own trees with it (both lists must be empty). */
export function missingKeys(messages: LocaleMessages): Record<Locale, string[]> {
  const zh = new Set(messageKeys(messages['zh-CN']))
  const en = new Set(messageKeys(messages.en))
  return { 'zh-CN': [...en].filter((k) => !zh.has(k)), en: [...zh].filter((k) => !en.has(k)) }
}

function apply(locale: string) {
  if (typeof document !== 'undefined') document.documentElement.lang = locale
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale)
  } catch {
    // not remembered; still applied to this page
  }
}

/**
 * vue-i18n in composition mode with the given trees merged (ui, shell, app). The locale starts from
 * the remembered choice, and every change — from CLanguageSwitch or `setLocale` — is remembered
 * and written to `<html lang>` (screen readers and fonts pick the language from it).
 */
export function createShellI18n(sets: Partial<LocaleMessages>[], locale: Locale = storedLocale()) {
  const messages = mergeMessages(...sets)
  const i18n = createI18n({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages,
    missingWarn: false,
    fallbackWarn: false,
  })
  watch(i18n.global.locale, apply, { immediate: true, flush: 'sync' })
  return i18n
}

export type ShellI18n = ReturnType<typeof createShellI18n>

export function setLocale(i18n: ShellI18n, locale: Locale) {
  i18n.global.locale.value = locale
}

export function currentLocale(i18n: ShellI18n): Locale {
  const l = i18n.global.locale.value
  return isLocale(l) ? l : DEFAULT_LOCALE
}

/** The app's language as a v-model for CLanguageSwitch (changes are remembered, see createShellI18n). */
export function useLocale(): WritableComputedRef<Locale> {
  const { locale } = useI18n({ useScope: 'global' })
  return computed({
    get: () => (isLocale(locale.value) ? locale.value : DEFAULT_LOCALE),
    set: (value: Locale) => {
      locale.value = value
    },
  })
}
