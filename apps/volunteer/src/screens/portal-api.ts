import type {
  Activity,
  Attendance,
  Certificate,
  Enrollment,
  HourEntry,
  HoursSummary,
  HourStatus,
  MyPairing,
  NewVisit,
  Notification,
  PairingVisit,
  PledgeSummary,
  PublicCertificate,
  ServiceProject,
  VolunteerProfile,
} from '@chayi/domain'
import { api, apiUrl, ApiError, networkError, newClientId, readApiError, useShellContext } from '@chayi/shell'

// The volunteer screens' calls. /activities, /attendance, /hours, /certificates, /pledges and
// /notifications are not in the typed client yet (the server modules are being written against
// the same zod contracts), so they go through the shell's fetch (cookies, the 401 hook) with the
// domain's types, and refusals come back as the shell's ApiError exactly as from `api()`. Types
// only from @chayi/domain: no zod in these chunks. /volunteers/me is typed already and uses the client.

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface NotificationList {
  items: Notification[]
  nextCursor: string | null
  unread: number
}

export type ActivityScope = 'upcoming' | 'past' | 'mine' | 'led' | 'all'
export interface ActivityFilter {
  scope?: ActivityScope
  project?: ServiceProject | ''
  from?: string | null
  to?: string | null
  limit?: number
}
/** A scanned token, or the activity and the six digits typed from the leader's phone. */
export type CheckInBody = { token: string; activityId?: string } | { activityId: string; code: string }

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

export function usePortalApi() {
  const ctx = useShellContext()

  async function call<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {}
    if (body !== undefined) headers['content-type'] = 'application/json'
    // Writes carry an Idempotency-Key, so a retry after a lost answer is not done twice.
    if (method !== 'GET') headers['idempotency-key'] = newClientId()
    let res: Response
    try {
      res = await ctx.fetch(apiUrl(ctx.apiBase, `/api/v1${path}`), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    } catch (err) {
      if (err instanceof ApiError) throw err
      throw networkError(err)
    }
    if (!res.ok) throw await readApiError(res)
    if (res.status === 204) return undefined as T
    return (await res.json()) as T
  }
  const qs = (params: Record<string, string | number | null | undefined>) => {
    const q = new URLSearchParams()
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v))
    const s = q.toString()
    return s ? `?${s}` : ''
  }
  const id = encodeURIComponent

  return {
    /** My volunteer profile (typed client); null when I am not registered as a volunteer (404). */
    async profile(): Promise<VolunteerProfile | null> {
      try {
        return await api(ctx.client.api.v1.volunteers.me.$get())
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null
        throw err
      }
    },
    activities: (f: ActivityFilter = {}) => call<Page<Activity>>('GET', `/activities${qs({ scope: f.scope ?? 'upcoming', project: f.project, from: f.from, to: f.to, limit: f.limit ?? 100 })}`),
    activity: (activityId: string) => call<Activity>('GET', `/activities/${id(activityId)}`),
    signUp: (activityId: string) => call<Enrollment>('POST', `/activities/${id(activityId)}/enrollment`),
    withdraw: (activityId: string) => call<Enrollment>('DELETE', `/activities/${id(activityId)}/enrollment`),
    checkIn: (body: CheckInBody) => call<Attendance>('POST', '/attendance/check-in', body),
    checkOut: (body: CheckInBody) => call<Attendance>('POST', '/attendance/check-out', body),
    hours: (status?: HourStatus) => call<Page<HourEntry>>('GET', `/hours/mine${qs({ status, limit: 500 })}`),
    summary: () => call<HoursSummary>('GET', '/hours/summary'),
    askCorrection: (entryId: string, minutes: number, reason: string) => call<HourEntry>('POST', `/hours/${id(entryId)}/correction-requests`, { minutes, reason }),
    issueCertificate: (volunteerId: string, from: string, to: string) => call<Certificate>('POST', '/certificates', { volunteerId, from, to }),
    certificates: () => call<{ items: Certificate[] }>('GET', '/certificates/mine'),
    certificate: (certId: string) => call<Certificate>('GET', `/certificates/${id(certId)}`),
    publicCertificate: (num: string) => call<PublicCertificate>('GET', `/public/certificates/${id(num)}`),
    pledge: () => call<PledgeSummary>('GET', '/pledges/mine'),
    setPledge: (monthlyFen: number) => call<PledgeSummary>('PUT', '/pledges/mine', { monthlyFen }),
    stopPledge: () => call<PledgeSummary>('DELETE', '/pledges/mine'),
    notifications: () => call<NotificationList>('GET', '/notifications'),
    /** 空巢不空心: my pairings (masked names, due days; the address while active). */
    pairings: () => call<Page<MyPairing>>('GET', '/pairings/mine'),
    /** Log a visit: its minutes become hours awaiting a leader's approval. */
    logVisit: (pairingId: string, body: NewVisit) => call<PairingVisit>('POST', `/pairings/${id(pairingId)}/visits`, body),
    markRead: (ids: string[] | 'all') => call<{ unread: number }>('POST', '/notifications/read', ids === 'all' ? { all: true } : { ids }),
  }
}
