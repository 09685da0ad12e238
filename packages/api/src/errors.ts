import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ZodError } from 'zod'
import type { ErrorBody } from '@chayi/domain'

type Issue = { path: string; message: string }

/**
 * The one way a handler refuses a request. `code` is snake_case and stable (clients switch on it);
 * `message` is for people; `issues` points at fields.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: Issue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message)
  }
}

export const badRequest = (code: string, message: string, issues?: Issue[]) => new ApiError(400, code, message, issues)
export const unauthenticated = (message = 'Sign in first.') => new ApiError(401, 'unauthenticated', message)
export const forbidden = (message = 'Your role may not do this.') => new ApiError(403, 'forbidden', message)
export const notFound = (what = 'Resource') => new ApiError(404, 'not_found', `${what} not found.`)
export const conflict = (code: string, message: string) => new ApiError(409, code, message)
export const unprocessable = (code: string, message: string, issues?: Issue[]) => new ApiError(422, code, message, issues)

export function errorBody(code: string, message: string, issues?: Issue[]): ErrorBody {
  return { error: issues?.length ? { code, message, issues } : { code, message } }
}

export function zodIssues(error: ZodError): Issue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
}

/** The defaultHook of every OpenAPIHono: failed validation becomes a 400 in the contract's shape. */
export function validationHook(result: { success: boolean; error?: unknown; target?: string }, c: Context) {
  if (!result.success) {
    const issues = zodIssues(result.error as ZodError)
    const where = result.target === 'json' ? 'body' : result.target === 'query' ? 'query string' : result.target ?? 'request'
    return c.json(errorBody('invalid_request', `The ${where} is not valid.`, issues), 400)
  }
  return undefined
}

const statusCodes: Partial<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
}

/** Maps anything thrown to the contract's body; unknown errors are logged and become a bare 500. */
export function toErrorResponse(err: unknown, c: Context, log: (err: unknown) => void): Response {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message, err.issues), err.status, err.headers)
  }
  if (err instanceof HTTPException) {
    const status = err.status
    const malformed = /malformed json/i.test(err.message)
    const code = malformed ? 'malformed_json' : (statusCodes[status] ?? 'http_error')
    const message = malformed ? 'The request body is not valid JSON.' : err.message || code.replace(/_/g, ' ')
    return c.json(errorBody(code, message), status as ContentfulStatusCode)
  }
  log(err)
  return c.json(errorBody('internal_error', 'Something went wrong on the server; it has been logged.'), 500)
}
