import { useShellContext, type ShellContext } from '../context.js'
import { apiUrl } from './client.js'
import { networkError, readApiError } from './errors.js'

// Plain JSON calls over the shell's fetch (credentials, the kiosk's headers, the 401 hook): what the
// shell's own session calls and the apps without the typed client (kiosk, tracker) use. A refusal
// becomes an ApiError (readApiError), no answer at all a `network_error`, as with `api()`.

/**
 * Reads an answer: any zod schema of the contract (kept structural, so no zod is needed here), or
 * `trusted<T>()` where the answer is taken at its contract type unchecked.
 */
export interface Schema<T> {
  parse(data: unknown): T
}

/** `call(schema, 'POST', '/path/under/api/v1', body?, headers?)`: the parsed 2xx answer, or an ApiError thrown. */
export type Call = <T>(schema: Schema<T>, method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<T>

export function callerFor(ctx: Pick<ShellContext, 'fetch' | 'apiBase'>): Call {
  return async (schema, method, path, body, headers = {}) => {
    let res: Response
    try {
      res = await ctx.fetch(apiUrl(ctx.apiBase, `/api/v1${path}`), {
        method,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    } catch (err) {
      throw networkError(err)
    }
    if (!res.ok) throw await readApiError(res)
    return schema.parse(await res.json())
  }
}

/** callerFor the current app (in a component, a store, or an event handler of a mounted app). */
export function useCall(): Call {
  return callerFor(useShellContext())
}

const TRUSTED: Schema<unknown> = { parse: (data) => data }

/**
 * Takes the answer at its contract type without checking it, as the typed client does: for calls in
 * an app's first download, where a zod schema would bring zod along.
 */
export const trusted = <T>(): Schema<T> => TRUSTED as Schema<T>
