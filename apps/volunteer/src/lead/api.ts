import type { Activity, ActivityChange, ActivityInput, Attendance, CheckInCode, HourCorrection, HourEntry, RosterEntry, SupplementHours } from '@chayi/domain'
import { apiUrl, ApiError, networkError, newClientId, readApiError, useShellContext } from '@chayi/shell'

// The leader screens' calls. They were written while the server's /activities, /hours and
// /hour-corrections routes were being filled in, so they go through the shell's fetch (cookies,
// 401 hook) with the domain's types instead of the typed client; errors come back as the shell's
// ApiError, as with `api()`. Types only from @chayi/domain: no zod in these chunks.

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export type { HourCorrection }

export type ActivityScope = 'led' | 'upcoming' | 'past' | 'all'

type Method = 'GET' | 'POST' | 'PATCH'

export function useLeadApi() {
  const ctx = useShellContext()

  async function call<T>(method: Method, path: string, body?: unknown, key?: string): Promise<T> {
    const headers: Record<string, string> = {}
    if (body !== undefined) headers['content-type'] = 'application/json'
    // Every write carries an Idempotency-Key: a retry after a lost answer is not done twice.
    if (method !== 'GET') headers['idempotency-key'] = key ?? newClientId()
    let res: Response
    try {
      res = await ctx.fetch(apiUrl(ctx.apiBase, `/api/v1${path}`), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    } catch (err) {
      if (err instanceof ApiError) throw err
      throw networkError(err)
    }
    if (!res.ok) throw await readApiError(res)
    return (await res.json()) as T
  }
  const id = encodeURIComponent

  return {
    activities: (scope: ActivityScope, cursor?: string) =>
      call<Page<Activity>>('GET', `/activities?scope=${scope}&limit=200${cursor ? `&cursor=${id(cursor)}` : ''}`),
    activity: (activityId: string) => call<Activity>('GET', `/activities/${id(activityId)}`),
    publish: (input: ActivityInput, key?: string) => call<Activity>('POST', '/activities', input, key),
    change: (activityId: string, change: ActivityChange, key?: string) => call<Activity>('PATCH', `/activities/${id(activityId)}`, change, key),
    cancel: (activityId: string, reason: string, key?: string) => call<Activity>('POST', `/activities/${id(activityId)}/cancel`, { reason }, key),
    roster: (activityId: string) => call<{ items: RosterEntry[] }>('GET', `/activities/${id(activityId)}/roster`),
    checkInCode: (activityId: string) => call<CheckInCode>('GET', `/activities/${id(activityId)}/check-in-code`),
    proxy: (activityId: string, which: 'in' | 'out', volunteerId: string, reason: string, key?: string) =>
      call<Attendance>('POST', `/activities/${id(activityId)}/proxy-check-${which}`, { volunteerId, reason }, key),
    pendingHours: (cursor?: string) => call<Page<HourEntry>>('GET', `/hours?status=pending&limit=500${cursor ? `&cursor=${id(cursor)}` : ''}`),
    decide: (entryIds: string[], approve: boolean, note?: string, key?: string) =>
      call<{ items: HourEntry[] }>('POST', '/hours/decisions', { entryIds, approve, ...(note ? { note } : {}) }, key),
    supplement: (input: SupplementHours, key?: string) => call<HourEntry>('POST', '/hours/supplements', input, key),
    corrections: () => call<{ items: HourCorrection[] }>('GET', '/hour-corrections?status=open'),
    decideCorrection: (correctionId: string, accept: boolean, note?: string, key?: string) =>
      call<{ items: HourEntry[] }>('POST', `/hour-corrections/${id(correctionId)}/decision`, { accept, ...(note ? { note } : {}) }, key),
    /** Join requests waiting (the existing /join-requests screen's list), for the count on /lead. */
    pendingJoinCount: async () => (await call<Page<unknown>>('GET', '/volunteers?status=pending&limit=200')).items.length,
  }
}

export type LeadApi = ReturnType<typeof useLeadApi>
