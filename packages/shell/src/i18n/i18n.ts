import { computed, watch, type WritableComputedRef } from 'vue'
import { createI18n, useI18n } from 'vue-i18n'
import type { Locale } from '@chayi/domain'
import { compileMessage } from './compile.js'
import type { LocaleMessages, MessageSources, MessageTree } from '../types.js'

export const LOCALE_STORAGE_KEY = 'chayi.locale'

const short = { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' } as const
const long = { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long', hour: '2-digit', minute: '2-digit' } as const
const DATETIME_FORMATS = { 'zh-CN': { short, long }, en: { short, long } }
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

/** The trees given at once; loaders are left for `loadLocale`. */
function atHand(set: MessageSources): Partial<LocaleMessages> {
  const out: Partial<LocaleMessages> = {}
  for (const l of LOCALES) {
    const v = set[l]
    if (v && typeof v === 'object') out[l] = v
  }
  return out
}

const loaders = new WeakMap<object, (locale: Locale) => Promise<void>>()

/**
 * vue-i18n in composition mode with the given trees merged (ui, shell, app; later ones win). A
 * language given as a loader is fetched the first time it is shown — from `loadLocale`, or on any
 * change of the locale — and merged in the same order; until then its strings fall back to
 * Chinese. The locale starts from the remembered choice, and every change — from
 * CLanguageSwitch or `setLocale` — is remembered and written to `<html lang>` (screen readers and
 * fonts pick the language from it).
 */
export function createShellI18n(sets: MessageSources[], locale: Locale = storedLocale()) {
  const i18n = createI18n({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages: mergeMessages(...sets.map(atHand)),
    // Ours, not vue-i18n's: see compile.ts (the bundles leave vue-i18n's compiler out).
    messageCompiler: compileMessage,
    // `d(date, 'short')` / `d(date, 'long')` in screens (the outbox list, timestamps).
    datetimeFormats: DATETIME_FORMATS,
    missingWarn: false,
    fallbackWarn: false,
  })

  const loads = new Map<Locale, Promise<void>>()
  const load = (l: Locale): Promise<void> => {
    let p = loads.get(l)
    if (p) return p
    const parts = sets.map((set) => set[l])
    p = !parts.some((v) => typeof v === 'function')
      ? Promise.resolve()
      : Promise.all(parts.map((v) => (typeof v === 'function' ? v() : v))).then((trees) => {
          // Merged over what is there: screens may have added their own strings already (pages.ts).
          i18n.global.mergeLocaleMessage(l, mergeMessages(...trees.map((t) => (t ? { [l]: t } : {})))[l])
          // vue-i18n re-renders what uses t() when the locale or the fallback is set, not when
          // strings are merged into a language already shown: setting the same fallback chain
          // (a new array) makes the screen pick the new strings up.
          if (i18n.global.locale.value === l) i18n.global.fallbackLocale.value = [DEFAULT_LOCALE]
        })
    loads.set(l, p)
    // A chunk that could not be fetched (offline before it was cached) is tried again next time.
    p.catch(() => loads.delete(l))
    return p
  }
  loaders.set(i18n, load)

  watch(
    i18n.global.locale,
    (l) => {
      apply(l)
      if (isLocale(l)) load(l).catch(() => undefined) // still readable: Chinese fills the gaps
    },
    { immediate: true, flush: 'sync' },
  )
  return i18n
}

export type ShellI18n = ReturnType<typeof createShellI18n>

export function setLocale(i18n: ShellI18n, locale: Locale) {
  i18n.global.locale.value = locale
}

/** Resolves once every tree of `locale` (default: the current one) is loaded; rejects if a chunk could not be fetched. */
export function loadLocale(i18n: ShellI18n, locale: Locale = currentLocale(i18n)): Promise<void> {
  return loaders.get(i18n)?.(locale) ?? Promise.resolve()
}

/** Every language not loaded yet; after the first paint, so that a later switch shows no Chinese while it loads. */
export function loadAllLocales(i18n: ShellI18n): Promise<void> {
  return Promise.all(LOCALES.map((l) => loadLocale(i18n, l))).then(() => undefined)
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
