// The scenarios of the other surfaces, run after the volunteer portal's against the same server:
// the aid tracker (情系藏区: reads as the demo aid worker and leader, the Excel export, and a phone
// coming back online with a batch of field visits that it then sends again), the care console's
// dashboard and granary stock, and the tea house's public board. Bounded like the others: fixed
// counts, concurrency ≤ 8, each with a time cap. Correctness checks go to `check()`.
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { runLoad } from './http.mjs'
import { brief, readLoad, signIn, withCpu } from './scenarios.mjs'

const API = '/api/v1'
const TEAM = 'xingfu'
const HOUR = 3600_000
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const ALL_MET = { food: true, clothing: true, schooling: true, medical: true, housing: true, water: true }

/** The app's own id maker (packages/shell/src/api/ids.ts: uuid's v7), resolved from packages/api. */
function uuidV7(root) {
  return createRequire(join(root, 'packages/api/package.json'))('uuid').v7
}

/**
 * A visit as the tracker's outbox sends it (packages/domain/src/aid/visits.ts NewAidVisit): made
 * offline over the last few days, everything on the checklist met, and an income update of
 * 10,000 yuan net per member — above every demo monitoring line (7,800; 8,100 in the remote
 * village), so the batch opens no monitoring case and the same write is timed on every run.
 */
function offlineVisit(id, household, hoursAgo, now) {
  const m = Math.max(1, household.memberCount ?? 1)
  return {
    id,
    householdId: household.id,
    visitedAt: new Date(Math.floor((now - hoursAgo * HOUR) / 60_000) * 60_000).toISOString(),
    notes: '压测·离线补传的入户走访 (bench): 家中一切正常',
    checklist: ALL_MET,
    income: { wagesFen: 700_000 * m, businessFen: 300_000 * m, propertyFen: 0, transfersFen: 100_000 * m, costsFen: 100_000 * m },
  }
}

/** Every visit id of each household, as the aid worker lists them (all pages). */
async function visitsOf(http, cookie, households) {
  const out = new Map()
  const errors = []
  await runLoad({
    count: households.length,
    concurrency: 4,
    capMs: 60_000,
    task: async (i) => {
      const h = households[i]
      const ids = []
      let cursor = null
      do {
        const r = await http.request('GET', `${API}/aid/households/${h.id}/visits?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { cookie })
        if (r.status !== 200) {
          errors.push(`${h.code}: ${brief(r)}`)
          return { ms: r.ms, ok: false }
        }
        for (const v of r.json.items) ids.push(v.id)
        cursor = r.json.nextCursor
      } while (cursor)
      out.set(h.id, ids)
      return { ms: 0, ok: true }
    },
  })
  return { byHousehold: out, total: [...out.values()].reduce((a, ids) => a + ids.length, 0), errors, complete: out.size === households.length }
}

export async function runSurfaceScenarios({ http, server, cfg, check, log, leader, root }) {
  const out = { loads: {}, counts: {}, notes: [] }
  // Server RSS after each part, to tell which one a rise in memory belongs to.
  const rss = []
  const mark = (stage) => rss.push(`${stage} ${Math.round(server.memory().rssMb)} MB`)
  mark('start')
  const loadCheck = (name, r) => {
    check(`${name}: every answer as expected`, r.failed === 0 && !r.timedOut, r.failed ? `${r.failed} of ${r.completed} wrong; first: ${r.failures.join(' | ')}` : r.timedOut ? `cut by the time cap after ${r.completed}` : `${r.completed} answers`)
  }
  const read = async (key, label, path, cookie, validate) => {
    log(`  GET ${path} (${label}) × ${cfg.reads.count} at ${cfg.reads.concurrency}`)
    const r = await readLoad(http, server, path, cookie, cfg.reads, validate)
    loadCheck(`${label}`, r)
    out.loads[key] = r
    return r
  }

  // --- 情系藏区: the aid worker's and the leader's reads -------------------------------------
  const aid = await signIn(http, 'aid')
  const list = await http.request('GET', `${API}/aid/households?limit=50`, { cookie: aid.cookie })
  const households = list.status === 200 ? list.json.items : []
  check('aid: the demo aid worker lists 40+ households on one page', households.length >= cfg.aidVisits.count, list.status === 200 ? `${households.length} households, nextCursor ${list.json.nextCursor}` : brief(list))
  if (households.length === 0) return out
  // The detail read: the demo household with the most members (the largest answer).
  const big = [...households].sort((a, b) => (b.memberCount ?? 0) - (a.memberCount ?? 0))[0]

  await read('aid_households', 'aid households, first page', `${API}/aid/households?limit=50`, aid.cookie, (j) =>
    Array.isArray(j?.items) && j.items.length === households.length ? null : `${j?.items?.length} households`,
  )
  await read('aid_household', `aid household ${big.code}`, `${API}/aid/households/${big.id}`, aid.cookie, (j) => (j?.id === big.id ? null : `id ${j?.id}`))
  await read('aid_dashboard', 'aid dashboard', `${API}/aid/dashboard`, leader.cookie, (j) => (j?.households === households.length ? null : `households ${j?.households}`))
  const cases = await read('aid_cases', 'aid open monitoring cases', `${API}/aid/monitoring-cases?state=open`, leader.cookie, (j) =>
    Array.isArray(j?.items) && j.items.every((c) => c.decidedAt === null) ? null : 'not a list of undecided cases',
  )
  out.counts.openCases = cases.completed ? (await http.request('GET', `${API}/aid/monitoring-cases?state=open`, { cookie: leader.cookie })).json?.items?.length : undefined

  mark('aid reads')

  // --- the aid export: a handful of whole downloads ------------------------------------------
  const ex = cfg.aidExport
  log(`  GET /aid/export.xlsx (leader) × ${ex.count}, one at a time`)
  const exportPath = `${API}/aid/export.xlsx`
  let workbookBytes = 0
  for (let i = 0; i < ex.warmup; i++) await http.request('GET', exportPath, { cookie: leader.cookie })
  const exp = await withCpu(server, () => runLoad({
    count: ex.count,
    concurrency: ex.concurrency,
    capMs: ex.capMs,
    task: async () => {
      const r = await http.request('GET', exportPath, { cookie: leader.cookie })
      const bad =
        r.status !== 200 ? brief(r) : !String(r.headers['content-type']).startsWith(XLSX) ? `content-type ${r.headers['content-type']}` : r.head.toString('latin1') !== 'PK\x03\x04' ? 'not a zip (xlsx) body' : null
      workbookBytes = r.bytes
      return { ms: r.ms, ok: !bad, note: bad || undefined }
    },
  }))
  loadCheck('aid export.xlsx', exp)
  out.loads.aid_export = exp
  out.counts.workbookKb = workbookBytes / 1024
  mark('export')

  // --- a phone back online: a batch of field visits, then the same batch again ---------------
  const v7 = uuidV7(root)
  const n = Math.min(cfg.aidVisits.count, households.length)
  const targets = households.slice(0, n)
  const now = Date.now()
  // Made offline over the last few days, oldest first, each with the id the app makes on the device.
  const visits = targets.map((h, i) => offlineVisit(v7(), h, 2 + (n - i) * 1.5, now))
  // Counted on every household of the team, not only the visited ones: "nothing else" is part of the check.
  const before = await visitsOf(http, aid.cookie, households)
  check('aid visits: every household’s visits listed before the batch', before.complete, before.errors.slice(0, 3).join(' | ') || `${before.total} visits on ${households.length} households`)

  const send = async (key, label, want) => {
    log(`  POST /aid/visits × ${n} at ${cfg.aidVisits.concurrency} (${label})`)
    const answers = new Array(n)
    const r = await withCpu(server, () => runLoad({
      count: n,
      concurrency: cfg.aidVisits.concurrency,
      capMs: cfg.aidVisits.capMs,
      task: async (i) => {
        // As the outbox sends it: the record's id is the Idempotency-Key (packages/shell/src/outbox/core.ts).
        const res = await http.request('POST', `${API}/aid/visits`, { cookie: aid.cookie, body: visits[i], headers: { 'idempotency-key': visits[i].id } })
        answers[i] = res
        const bad = res.status !== want ? brief(res) : res.json?.id !== visits[i].id ? `answered visit ${res.json?.id}` : null
        return { ms: res.ms, ok: !bad, note: bad || undefined }
      },
    }))
    out.loads[key] = r
    return { r, answers }
  }

  const first = await send('aid_visit', 'first send', 201)
  check(`aid visits: all ${n} answered 201 with their own id`, first.r.completed === n && first.r.failed === 0, first.r.timedOut ? `cut by the time cap after ${first.r.completed}` : first.r.failures.join(' | ') || `${first.r.completed} answers`)
  const afterFirst = await visitsOf(http, aid.cookie, households)
  const added = (after) =>
    households.map((h) => {
      const was = new Set(before.byHousehold.get(h.id) ?? [])
      return (after.byHousehold.get(h.id) ?? []).filter((id) => !was.has(id))
    })
  const newFirst = added(afterFirst)
  const expected = new Set(visits.map((v) => v.id))
  // One new visit on each visited household, with the phone's id; none on the others.
  const exactlyOurs = (lists) => lists.every((ids, i) => (i < n ? ids.length === 1 && ids[0] === visits[i].id : ids.length === 0))
  check(
    `aid visits: exactly ${n} new visits on the server, one per household, each with the id the phone made`,
    afterFirst.complete && exactlyOurs(newFirst),
    `${newFirst.flat().length} new (${newFirst.flat().filter((id) => expected.has(id)).length} with the phone’s ids); ${before.total} → ${afterFirst.total} visits on all ${households.length} households`,
  )

  const again = await send('aid_visit_resend', 'the same batch again', 200)
  const sameAnswers = again.answers.every((a, i) => a && a.json?.incomeId === first.answers[i]?.json?.incomeId && a.json?.createdAt === first.answers[i]?.json?.createdAt)
  const replayedFlag = again.answers.filter((a) => a?.headers?.['idempotent-replayed'] === 'true').length
  check(
    `aid visits: the resend answers the stored visit (200, same income record), all ${n}`,
    again.r.completed === n && again.r.failed === 0 && sameAnswers,
    again.r.failures.join(' | ') || `${again.r.completed} answers 200, ${sameAnswers ? 'each the stored visit' : 'SOME DIFFER from the first answers'}, ${replayedFlag} marked Idempotent-Replayed`,
  )
  const afterResend = await visitsOf(http, aid.cookie, households)
  const newResend = added(afterResend)
  check('aid visits: the resend adds none', afterResend.complete && afterResend.total === afterFirst.total && exactlyOurs(newResend), `${afterFirst.total} → ${afterResend.total} visits`)
  const opened = first.answers.filter((a) => a?.json?.monitoringCaseId).length
  out.counts.visits = { n, before: before.total, after: afterResend.total, opened, wallMs: first.r.wallMs, resendWallMs: again.r.wallMs }

  mark('visits')

  // --- the care console, as the leader -------------------------------------------------------
  await read('care_dashboard', 'care dashboard', `${API}/reports/dashboard`, leader.cookie, (j) => (Array.isArray(j?.months) && j.months.length === 12 ? null : `months ${j?.months?.length}`))
  await read('granary_items', 'granary stock', `${API}/granary/items`, leader.cookie, (j) => (Array.isArray(j?.items) && j.items.length > 0 && j.items.every((x) => x.onHand > 0) ? null : 'no stock listed'))

  // --- the tea house's public board (no session) ---------------------------------------------
  await read('board', 'public board', `${API}/public/board?team=${TEAM}`, undefined, (j) => (j?.team?.code === TEAM && Number.isInteger(j?.cupsBought) ? null : `team ${j?.team?.code}`))

  mark('care and board')
  out.notes.push(
    `Aid tracker: ${households.length} demo households; the detail read is ${big.code} (${big.memberCount} members); ${out.counts.openCases ?? '?'} open monitoring cases; the export workbook is ${Math.round(out.counts.workbookKb)} KB.`,
    `Field-visit batch: ${n} visits synced in ${(first.r.wallMs / 1000).toFixed(2)} s, the same ${n} resent in ${(again.r.wallMs / 1000).toFixed(2)} s; the team’s ${households.length} households went from ${before.total} to ${afterResend.total} visits${opened ? `; ${opened} visits opened a monitoring case` : ''}.`,
    `Server RSS through the aid, care and tea-house scenarios: ${rss.join(' → ')}.`,
  )
  return out
}
