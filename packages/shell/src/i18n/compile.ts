import type { CompileError, MessageCompiler, MessageContext } from 'vue-i18n'

/*
 * The message compiler the shell gives vue-i18n instead of its own (~5 kB gzip of tokenizer,
 * parser and code generator, dropped from the bundles by `__INTLIFY_DROP_MESSAGE_COMPILER__` in
 * vite.js). Our messages use one piece of vue-i18n's syntax: text with named interpolation,
 * `'{name}，您好'`. Anything else that vue-i18n would read as syntax — `{0}`, `{'@'}`, `@:linked`,
 * `a | b` plurals, a stray brace — is refused through `onError` (vue-i18n then throws from `t()`),
 * so a new kind of message fails its app's messages test instead of rendering differently.
 * compile.test.ts checks every message of every app against vue-i18n's own compiler.
 */

type Part = string | { name: string }
type Compiled = (ctx: MessageContext<string>) => string
/**
 * The context as vue-i18n's own compiled messages use it: `interpolate` (toDisplayString, or the
 * processor of <i18n-t>) and `normalize` are there at run time but left out of its public types.
 * compile.test.ts would fail if they went.
 */
interface RuntimeContext extends MessageContext<string> {
  interpolate(value: unknown): string
  normalize(parts: unknown[]): string
}

const NAMED = /\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g
/** Characters that start vue-i18n syntax; in our text they may only appear as `{name}`. */
const SYNTAX = /[{}@|]/

const cache = new Map<string, Compiled>()

function refuse(message: string, key: string, onError: ((err: CompileError) => void) | undefined): Compiled {
  const err = Object.assign(new SyntaxError(`@chayi/shell: message "${key}" uses syntax the shell's message compiler does not support: ${message}`), { code: 0 })
  if (onError) onError(err)
  else throw err
  return () => message
}

/** Text and `{name}` only; see the note above. */
export const compileMessage: MessageCompiler = (message, context) => {
  if (typeof message !== 'string') return refuse(String(message), context.key, context.onError)
  const hit = cache.get(message)
  if (hit) return hit

  const parts: Part[] = []
  let at = 0
  for (const m of message.matchAll(NAMED)) {
    if (m.index > at) parts.push(message.slice(at, m.index))
    parts.push({ name: m[1]! })
    at = m.index + m[0].length
  }
  if (at < message.length) parts.push(message.slice(at))
  if (parts.some((p) => typeof p === 'string' && SYNTAX.test(p))) return refuse(message, context.key, context.onError)

  // The same calls vue-i18n's compiled messages make, so interpolation (toDisplayString), the
  // processor of <i18n-t> and the empty message behave exactly as with vue-i18n's compiler.
  const fn: Compiled =
    parts.length === 1 && typeof parts[0] === 'string'
      ? (ctx) => (ctx.type === 'text' ? message : (ctx as RuntimeContext).normalize([message]))
      : (ctx) => {
          const c = ctx as RuntimeContext
          return c.normalize(parts.map((p) => (typeof p === 'string' ? p : c.interpolate(c.named(p.name)))))
        }
  cache.set(message, fn)
  return fn
}
