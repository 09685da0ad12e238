// What the aid desk's screens share: yuan typed → fen sent, a place's short name,
// and a fetch for routes the typed client does not carry yet. No strings of our own here.
import { formatFen, yuanToFen, type Locale } from '@chayi/domain'
import { apiUrl, readApiError, useShellContext } from '@chayi/shell'

/** "12,345.60" → fen; null for an empty field; throws on anything else. */
export function parseYuan(text: string): number | null {
  const v = text.trim().replace(/[,，\s]/g, '')
  if (!v) return null
  return yuanToFen(v)
}

export const money = (fen: number | null | undefined, locale: Locale) => (fen === null || fen === undefined ? '—' : formatFen(fen, locale))

/** The village (or the deepest place) of a place path. */
export const placeName = (path: readonly string[]) => path.at(-1) ?? '—'

/** Today in China, YYYY-MM-DD (as the API counts days). */
export const chinaToday = (now = new Date()) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

/**
 * JSON over the shell's fetch, for aid routes that are not yet in the typed client's AppType
 * (exit, monitoring, the public notices). Refusals come back as the shell's ApiError.
 */
export function useAidFetch() {
  const ctx = useShellContext()
  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await ctx.fetch(apiUrl(ctx.apiBase, `/api/v1${path}`), {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!res.ok) throw await readApiError(res)
    return (await res.json()) as T
  }
  return { get: <T>(path: string) => call<T>('GET', path), post: <T>(path: string, body?: unknown) => call<T>('POST', path, body ?? {}) }
}
