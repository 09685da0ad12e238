import { computed, inject, type ComputedRef, type InjectionKey } from 'vue'
import type { FormIssue } from '../types'

/** What CForm gives its fields. */
export interface FormContext {
  /** Registers a field name so the form knows which issues have a home; returns the unregister. */
  register: (name: string) => () => void
  /** The issues whose best-matching field is `name`. */
  issuesFor: (name: string) => FormIssue[]
}

/** What CField gives the control inside it. */
export interface FieldContext {
  id: ComputedRef<string>
  labelId: ComputedRef<string>
  describedBy: ComputedRef<string | undefined>
  invalid: ComputedRef<boolean>
  required: ComputedRef<boolean>
}

export const FORM_KEY: InjectionKey<FormContext> = Symbol('chayi.form')
export const FIELD_KEY: InjectionKey<FieldContext> = Symbol('chayi.field')

/**
 * The field an issue belongs to: the registered name equal to its path, else the longest name that
 * is a prefix of it ("address" takes "address.city" when no "address.city" field exists).
 */
export function fieldForPath(path: string, names: Iterable<string>): string | undefined {
  let best: string | undefined
  for (const name of names) {
    const matches = path === name || path.startsWith(`${name}.`) || path.startsWith(`${name}[`)
    if (matches && (best === undefined || name.length > best.length)) best = name
  }
  return best
}

/**
 * The attributes that tie a control to the CField around it (id for the <label>, described-by for
 * hint and error, invalid and required states). Outside a CField only the control's own id is used.
 */
export function useFieldAttrs(ownId: () => string | undefined, ownInvalid: () => boolean = () => false) {
  const field = inject(FIELD_KEY, null)
  return computed(() => {
    const invalid = ownInvalid() || (field?.invalid.value ?? false)
    return {
      id: ownId() ?? field?.id.value,
      'aria-describedby': field?.describedBy.value,
      'aria-invalid': invalid ? ('true' as const) : undefined,
      'aria-required': field?.required.value ? ('true' as const) : undefined,
    }
  })
}
