import { apiUrl, networkError, readApiError, useShellContext, type ShellContext } from '@chayi/shell'

// Plain JSON calls for the aid screens, every answer parsed with the contract's zod schema (they
// live in lazy chunks, so zod never reaches the first download). The typed client is not used:
// part of the aid routes (visits, income years) are being built at the same time as this app.

/** Any zod schema (kept structural). */
export interface Schema<T> {
  parse(data: unknown): T
}

export type Call = <T>(schema: Schema<T>, method: string, path: string, body?: unknown) => Promise<T>

export function callerFor(ctx: Pick<ShellContext, 'fetch' | 'apiBase'>): Call {
  return async (schema, method, path, body) => {
    let res: Response
    try {
      res = await ctx.fetch(apiUrl(ctx.apiBase, `/api/v1${path}`), {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    } catch (err) {
      throw networkError(err)
    }
    if (!res.ok) throw await readApiError(res)
    return schema.parse(await res.json())
  }
}

export function useCall(): Call {
  return callerFor(useShellContext())
}

/** `@submit="prevent($event, save)"`: the form's submit without a page load. */
export function prevent(ev: Event, fn: () => unknown) {
  ev.preventDefault()
  void fn()
}

/** The text of an input or select event. */
export const valueOf = (ev: Event) => (ev.target as HTMLInputElement | HTMLSelectElement).value
