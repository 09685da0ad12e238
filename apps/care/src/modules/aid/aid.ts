// What the aid desk's screens share: yuan typed → fen sent, a place's short name, the China date.
// who did something. No strings of our own here (they are under care.aid.*).
import { onMounted, ref, type Ref } from 'vue'
import { formatFen, yuanToFen, type Locale } from '@chayi/domain'
import { isApiError } from '@chayi/shell'
import { useUserNames } from '../fund/fund'

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
 * Who did it, from the API's actor string: `user:<id>` is named from the team's accounts (leaders
 * may list them), `system:…` is the system (the demo's seed, an import); anything else as given.
 * The screens pass the two labels (their keys stay in the .vue files, where the messages test looks).
 */
export function useActors(labels: { someone: () => string; system: () => string }) {
  const { names, load } = useUserNames()
  void load()
  return (actor: string) => {
    if (actor.startsWith('user:')) return names.value.get(actor.slice(5)) ?? labels.someone()
    if (actor.startsWith('system:')) return labels.system()
    return actor
  }
}

/** The most a page may hold (the API's `limit` maximum). */
export const MAX_PAGE = 200

/**
 * Every row of a list the API pages with a cursor, page after page — for what a screen looks rows
 * up in (a need's household and village, the partners to choose from), where stopping after the
 * first 200 would silently leave some out. Tables page with CDataTable's "load more" instead.
 */
export async function allPages<T>(fetchPage: (query: { limit: string; cursor?: string }) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const out: T[] = []
  let cursor: string | undefined
  // A bound so a server that kept answering with a cursor could not keep the screen loading forever.
  for (let i = 0; i < 100; i++) {
    const p = await fetchPage(cursor === undefined ? { limit: String(MAX_PAGE) } : { limit: String(MAX_PAGE), cursor })
    out.push(...p.items)
    if (!p.nextCursor) break
    cursor = p.nextCursor
  }
  return out
}

export type PublicState = 'loading' | 'ok' | 'missing' | 'failed'

/** A public page's fetch: `missing` for an unknown team or link (404/400), `failed` otherwise. */
export function usePublicLoad<T>(fetch: () => Promise<T>) {
  const data = ref<T | null>(null) as Ref<T | null>
  const state = ref<PublicState>('loading')
  async function load() {
    state.value = 'loading'
    try {
      data.value = await fetch()
      state.value = 'ok'
    } catch (err) {
      state.value = isApiError(err) && (err.status === 404 || err.status === 400) ? 'missing' : 'failed'
    }
  }
  onMounted(load)
  return { data, state, load }
}
