import { isRef, type Ref } from 'vue'
import { useShellContext, type ShellContext } from '../context.js'
import { ApiError, api, type ApiIssue } from './errors.js'

/** A form's error list as CForm's `errors` prop takes it: a ref, or a reactive object with `errors`. */
export type FormErrors = Ref<ApiIssue[]> | { errors: ApiIssue[] }

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  return new ApiError(-1, 'client_error', err instanceof Error ? err.message : String(err))
}

/** The message for people, in the current language where the shell knows the code. */
export function errorMessage(ctx: Pick<ShellContext, 'i18n'>, err: unknown): string {
  const e = toApiError(err)
  const g = ctx.i18n?.global
  const key = `shell.errors.${e.code}`
  if (g?.te(key)) return g.t(key)
  return g ? g.t('shell.errors.unknown', { message: e.message }) : e.message
}

/**
 * Shows what went wrong: field issues go on the form (beside their fields, via CForm), anything
 * else becomes an error toast. Returns the error as an ApiError so callers can branch on `code`.
 */
export function handleErrorWith(ctx: ShellContext, err: unknown, opts: { form?: FormErrors } = {}): ApiError {
  const e = toApiError(err)
  if (opts.form && e.issues.length) {
    if (isRef(opts.form)) opts.form.value = e.issues
    else opts.form.errors = e.issues
    return e
  }
  if (opts.form) {
    if (isRef(opts.form)) opts.form.value = []
    else opts.form.errors = []
  }
  ctx.notify({ kind: e.isNetwork ? 'warning' : 'error', message: errorMessage(ctx, e) })
  return e
}

/** handleErrorWith for the current app (in a component, a store, or an event handler of a mounted app). */
export function handleError(err: unknown, opts: { form?: FormErrors } = {}): ApiError {
  return handleErrorWith(useShellContext(), err, opts)
}

/**
 * The API for a screen: the typed client (for an app whose definition has `client`), `api()` to
 * unwrap a call, `handleError`, and the outbox for writes when the app is offline-capable.
 */
export function useApi() {
  const ctx = useShellContext()
  return {
    /** Throws in an app without a typed client (see `ChayiAppDef.client`). */
    get client() {
      return ctx.client
    },
    api,
    handleError: (err: unknown, opts: { form?: FormErrors } = {}) => handleErrorWith(ctx, err, opts),
    outbox: ctx.outbox,
  }
}
