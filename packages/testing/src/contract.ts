import { HttpResponse } from 'msw'
import type { z } from 'zod'

/** A mock answered with something the real API could not send. */
export class ContractError extends Error {
  override readonly name = 'ContractError'
  constructor(
    readonly url: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(`mock response does not match the API schema${url ? ` (${url})` : ''}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`)
  }
}

const violations: ContractError[] = []

/**
 * Mock responses that broke the contract since the last call. msw turns a thrown error into a 500,
 * which a screen might swallow; a test setup can also check this list after each test.
 */
export function takeContractViolations(): ContractError[] {
  return violations.splice(0)
}

/**
 * The only way the mock handlers answer: the body is parsed with the API's own zod schema first,
 * and a body that does not parse throws (and is recorded) instead of reaching the app.
 */
export function respond<S extends z.ZodType>(schema: S, body: z.input<S>, init: ResponseInit & { url?: string } = {}): Response {
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    const err = new ContractError(
      init.url ?? '',
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    )
    violations.push(err)
    throw err
  }
  const { url: _url, ...rest } = init
  return HttpResponse.json(parsed.data as object, rest)
}
