import type { ClientResponse } from 'hono/client'
import type { SuccessStatusCode } from 'hono/utils/http-status'
import type { ErrorBody } from '@chayi/domain'

export interface ApiIssue {
  path: string
  message: string
}

/**
 * Any refusal from the API in the contract's shape (architecture §3), or a request that got no
 * answer (`status` 0, code `network_error`).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message)
  }

  get isNetwork(): boolean {
    return this.status === 0
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError
}

/** Reads an error response into an ApiError, whatever its body (a proxy's HTML page included). */
export async function readApiError(res: { status: number; statusText?: string; json(): Promise<unknown> }): Promise<ApiError> {
  let body: unknown
  try {
    body = await res.json()
  } catch {
    body = undefined
  }
  if (isErrorBody(body)) return new ApiError(res.status, body.error.code, body.error.message, body.error.issues ?? [])
  return new ApiError(res.status, 'http_error', res.statusText || `HTTP ${res.status}`)
}

/** The contract's error shape, checked by hand: zod stays out of the apps' first download for this. */
function isErrorBody(body: unknown): body is ErrorBody {
  const e = (body as { error?: unknown } | null)?.error as ErrorBody['error'] | undefined
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.code === 'string' &&
    typeof e.message === 'string' &&
    (e.issues === undefined || (Array.isArray(e.issues) && e.issues.every((i) => typeof i?.path === 'string' && typeof i?.message === 'string')))
  )
}

export function networkError(cause: unknown): ApiError {
  const e = new ApiError(0, 'network_error', cause instanceof Error ? cause.message : 'The network request failed.')
  ;(e as { cause?: unknown }).cause = cause
  return e
}

// Loosely typed on purpose: hono's response union is checked by OkBody below.
type AnyClientResponse = ClientResponse<unknown, number, 'json' | 'text'>

/** The body type of the 2xx members of a typed client's response union. */
export type OkBody<R> = R extends ClientResponse<infer T, infer S, infer _F> ? (S extends SuccessStatusCode ? T : never) : never

/**
 * Awaits a typed-client call and returns its 2xx body, or throws an ApiError:
 * `const me = await api(client.api.v1.me.$get())`.
 */
export async function api<R extends AnyClientResponse>(request: Promise<R> | (() => Promise<R>)): Promise<OkBody<R>> {
  let res: R
  try {
    res = await (typeof request === 'function' ? request() : request)
  } catch (err) {
    if (err instanceof ApiError) throw err
    throw networkError(err)
  }
  if (!res.ok) throw await readApiError(res)
  if (res.status === 204) return undefined as OkBody<R>
  return (await res.json()) as OkBody<R>
}
