export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
/** A display label in every supported locale; Chinese first. */
export type Label = Record<Locale, string>

/** One entry of a code list. Extra fields (`grade`, `minAge`, …) are kept with their types. */
export type CodeEntry = { readonly code: string; readonly label: Label; readonly [k: string]: unknown }

/** The code union of a list of entries. */
export type CodeOf<E extends readonly CodeEntry[]> = E[number]['code']
/** The codes as a tuple, in the order the entries were given. */
export type CodesOf<E extends readonly CodeEntry[]> = {
  readonly [I in keyof E]: E[I] extends { readonly code: infer C } ? C : never
}

export interface CodeOption<C extends string> {
  value: C
  label: string
}

export interface CodeList<E extends readonly CodeEntry[]> {
  /** snake_case name of the list, also its key in `CODE_LISTS`. */
  readonly name: string
  readonly codes: CodesOf<E>
  readonly entries: E
  /** The full entry for a code (with its extra fields). */
  entry<K extends CodeOf<E>>(code: K): Extract<E[number], { readonly code: K }>
  label(code: CodeOf<E>, locale: Locale): string
  /** `{value, label}` pairs in list order, for a select or radio group. */
  options(locale: Locale): CodeOption<CodeOf<E>>[]
  /** Type guard: is `value` one of this list's codes? */
  has(value: unknown): value is CodeOf<E>
}

const CODE_PATTERN = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/

// This module does not import zod: screens that only show labels (role names on a kiosk) must not
// pull the validation library into their bundle. `codeSchema` (schema.ts) makes the zod enum.

/**
 * Defines a closed list of stable codes (lowercase snake_case English, stored in the database)
 * with Chinese and English labels. Throws at definition time when a code is malformed or
 * repeated, or a label is empty, so a bad list fails as soon as the module loads.
 */
export function defineCodeList<const E extends readonly CodeEntry[]>(name: string, entries: E): CodeList<E> {
  if (!CODE_PATTERN.test(name)) throw new Error(`code list name "${name}" must be lowercase snake_case`)
  if (entries.length === 0) throw new Error(`code list ${name} is empty`)
  const byCode = new Map<string, E[number]>()
  for (const e of entries) {
    if (!CODE_PATTERN.test(e.code)) throw new Error(`code list ${name}: code "${e.code}" must be lowercase snake_case`)
    if (byCode.has(e.code)) throw new Error(`code list ${name}: duplicate code "${e.code}"`)
    for (const locale of LOCALES) {
      if (typeof e.label[locale] !== 'string' || e.label[locale].trim() === '') {
        throw new Error(`code list ${name}: code "${e.code}" has no ${locale} label`)
      }
    }
    byCode.set(e.code, e)
  }

  const codes = Object.freeze(entries.map((e) => e.code)) as unknown as CodesOf<E>

  const entry = <K extends CodeOf<E>>(code: K): Extract<E[number], { readonly code: K }> => {
    const found = byCode.get(code)
    if (!found) throw new RangeError(`code list ${name}: unknown code "${String(code)}"`)
    return found as Extract<E[number], { readonly code: K }>
  }

  return Object.freeze({
    name,
    codes,
    entries,
    entry,
    label: (code: CodeOf<E>, locale: Locale) => entry(code).label[locale],
    options: (locale: Locale) => entries.map((e) => ({ value: e.code as CodeOf<E>, label: e.label[locale] })),
    has: (value: unknown): value is CodeOf<E> => typeof value === 'string' && byCode.has(value),
  })
}
