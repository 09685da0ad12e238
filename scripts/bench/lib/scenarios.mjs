// The scenarios, run in order against one started server. Each is bounded: a fixed number of
// requests, a concurrency of 16 or less, and a time cap after which it starts nothing new.
// Correctness checks (a wrong status, a lost or doubled sign-up) go to `check()`; speed is judged
// by run.mjs against its targets.
import { performance } from 'node:perf_hooks'
import { cookieOf, runLoad, stats } from './http.mjs'

export const DEMO_PASSWORD = 'chayi-demo-2026'
/** Demo volunteers' phones: 1990000NNNN, N = 0000..0829 (apps/server/src/demo/people.ts). */
const demoPhone = (i) => `1990000${String(i).padStart(4, '0')}`
const DEMO_VOLUNTEERS = 830
const API = '/api/v1'
const HOUR = 3600_000
const DAY = 24 * HOUR

export async function signIn(http, login) {
  const res = await http.request('POST', `${API}/auth/sign-in`, { body: { login, password: DEMO_PASSWORD } })
  if (res.status !== 200) throw new Error(`sign-in as ${login}: ${res.status} ${res.text.slice(0, 200)}`)
  return { cookie: cookieOf(res), me: res.json, ms: res.ms }
}

export const brief = (r) => `${r.status} ${r.text.slice(0, 160)}`

/** Adds the server's CPU time per completed request over `fn` (robust to neighbours' load, unlike latency). */
export async function withCpu(server, fn) {
  const c0 = server.cpuMs()
  const r = await fn()
  return { ...r, cpuMsPerReq: (server.cpuMs() - c0) / (r.completed || NaN) }
}

/** `warmup` requests one by one (not measured), then the measured load. */
export async function readLoad(http, server, path, cookie, cfg, validate) {
  for (let i = 0; i < cfg.warmup; i++) await http.request('GET', path, { cookie })
  return withCpu(server, () => runLoad({
    count: cfg.count,
    concurrency: cfg.concurrency,
    capMs: cfg.capMs,
    task: async () => {
      const r = await http.request('GET', path, { cookie })
      const bad = r.status !== 200 ? brief(r) : validate?.(r.json)
      return { ms: r.ms, ok: !bad, note: bad || undefined }
    },
  }))
}

/**
 * Runs every scenario; returns the raw figures. `check(name, ok, detail)` records a correctness
 * check; `log(line)` prints progress.
 */
export async function runScenarios({ http, server, cfg, check, log }) {
  const out = { loads: {}, counts: {} }
  const loadCheck = (name, r) => {
    check(`${name}: every answer as expected`, r.failed === 0, r.failed ? `${r.failed} of ${r.completed} wrong; first: ${r.failures.join(' | ')}` : `${r.completed} answers`)
  }

  // --- the demo volunteer reads the activity lists -------------------------------------------
  const leader = await signIn(http, 'leader')
  const volunteer = await signIn(http, 'volunteer')
  for (const scope of ['upcoming', 'past']) {
    log(`  GET /activities?scope=${scope} × ${cfg.reads.count} at ${cfg.reads.concurrency}`)
    const r = await readLoad(http, server, `${API}/activities?scope=${scope}`, volunteer.cookie, cfg.reads, (j) =>
      Array.isArray(j?.items) && j.items.length > 0 ? null : `no activities in scope=${scope}`,
    )
    loadCheck(`activities ${scope}`, r)
    out.loads[`activities_${scope}`] = r
  }

  // --- demo volunteers sign in (a scrypt hash each) ------------------------------------------
  const wanted = cfg.race.volunteers
  const eligible = []
  let notVolunteers = 0
  log(`  signing in demo phones until ${wanted} active volunteers, ${cfg.signIns.concurrency} at a time`)
  const signIns = await withCpu(server, () => runLoad({
    count: DEMO_VOLUNTEERS,
    concurrency: cfg.signIns.concurrency,
    capMs: cfg.signIns.capMs,
    until: () => eligible.length >= wanted,
    task: async (i) => {
      const phone = demoPhone(i)
      const res = await http.request('POST', `${API}/auth/sign-in`, { body: { login: phone, password: DEMO_PASSWORD } })
      if (res.status !== 200) return { ms: res.ms, ok: false, note: `${phone}: ${brief(res)}` }
      // Pending and rejected applicants can sign in but are no volunteers (yet): they cannot sign up.
      if (res.json?.user?.roles?.includes('volunteer')) eligible.push({ i, phone, cookie: cookieOf(res) })
      else notVolunteers++
      return { ms: res.ms, ok: true }
    },
  }))
  loadCheck('demo sign-ins', signIns)
  check(`sign-ins: ${wanted} active volunteers signed in`, eligible.length >= wanted, `${eligible.length} active, ${notVolunteers} pending or rejected, of ${signIns.completed} signed in`)
  out.loads.sign_in = signIns
  out.counts.notVolunteers = notVolunteers
  eligible.sort((a, b) => a.i - b.i)

  // --- hours summary of a 5-star volunteer ---------------------------------------------------
  // The demo gives its first active volunteers (after `volunteer` and `leader`) the 5-star paper
  // ledger years; look among the first few signed in and take the one with the most minutes.
  let star = null
  for (const v of eligible.slice(0, 12)) {
    const r = await http.request('GET', `${API}/hours/summary`, { cookie: v.cookie })
    if (r.status !== 200) continue
    if (!star || r.json.approvedMinutes > star.summary.approvedMinutes) star = { ...v, summary: r.json }
  }
  check('hours: a 5-star volunteer found among the first demo phones', star?.summary?.starLevel === 5, star ? `${star.phone}: ${Math.round(star.summary.approvedMinutes / 60)} h, ${star.summary.starLevel} stars` : 'none answered')
  if (star) {
    out.counts.starVolunteer = { phone: star.phone, hours: Math.round(star.summary.approvedMinutes / 60), stars: star.summary.starLevel }
    log(`  GET /hours/summary (${star.phone}, ${out.counts.starVolunteer.hours} h) × ${cfg.reads.count} at ${cfg.reads.concurrency}`)
    const r = await readLoad(http, server, `${API}/hours/summary`, star.cookie, cfg.reads, (j) => (j?.starLevel === star.summary.starLevel ? null : `starLevel ${j?.starLevel}`))
    loadCheck('hours summary', r)
    out.loads.hours_summary = r
  }

  // --- a leader pages through every volunteer ------------------------------------------------
  log(`  GET /volunteers?limit=${cfg.walk.limit}, every page, ${cfg.walk.walks} walks`)
  const walkTimes = []
  const pageLatencies = []
  let pageErrors = []
  let walkCut = false
  const walkDeadline = performance.now() + cfg.walk.capMs
  let lastWalk = { items: 0, distinct: 0, pages: 0 }
  const walkCpu0 = server.cpuMs()
  for (let w = 0; w < cfg.walk.walks && !walkCut; w++) {
    const ids = new Set()
    let items = 0
    let pages = 0
    let cursor = null
    const t0 = performance.now()
    do {
      if (performance.now() > walkDeadline) {
        walkCut = true
        break
      }
      const q = `limit=${cfg.walk.limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
      const r = await http.request('GET', `${API}/volunteers?${q}`, { cookie: leader.cookie })
      pageLatencies.push(r.ms)
      pages++
      if (r.status !== 200) {
        pageErrors.push(brief(r))
        break
      }
      for (const v of r.json.items) ids.add(v.id)
      items += r.json.items.length
      cursor = r.json.nextCursor
    } while (cursor)
    if (!walkCut) walkTimes.push(performance.now() - t0)
    lastWalk = { items, distinct: ids.size, pages }
  }
  check('volunteers walk: every page answered', pageErrors.length === 0, pageErrors.slice(0, 3).join(' | ') || `${pageLatencies.length} pages`)
  check(
    'volunteers walk: each volunteer once, 830+ of them',
    lastWalk.items === lastWalk.distinct && lastWalk.distinct >= DEMO_VOLUNTEERS,
    `${lastWalk.distinct} distinct of ${lastWalk.items} listed over ${lastWalk.pages} pages`,
  )
  const walkCpuMs = server.cpuMs() - walkCpu0
  out.walk = { walks: walkTimes, ...stats(walkTimes), page: { ...stats(pageLatencies), cpuMsPerReq: walkCpuMs / pageLatencies.length }, pages: lastWalk.pages, volunteers: lastWalk.distinct, cut: walkCut }

  // --- the sign-up race ----------------------------------------------------------------------
  const racers = eligible.slice(0, wanted)
  const cap = cfg.race.capacity
  // 45 days out, 03:00 China time: clear of every demo activity, so no racer hits a time clash.
  const start = new Date(Math.floor((Date.now() + 8 * HOUR) / DAY) * DAY - 8 * HOUR + 45 * DAY + 3 * HOUR)
  const pub = await http.request('POST', `${API}/activities`, {
    cookie: leader.cookie,
    body: { title: '压测·报名竞争 (bench)', project: 'granary', description: 'pnpm bench: a sign-up race', place: '幸福社区茶馆', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(), capacity: cap },
  })
  check('race: the leader publishes the activity', pub.status === 201, pub.status === 201 ? `201, capacity ${pub.json.capacity}` : brief(pub))
  if (pub.status === 201 && racers.length === wanted) {
    const id = pub.json.id
    log(`  sign-up race: ${racers.length} volunteers for ${cap} seats, ${cfg.race.concurrency} at a time`)
    const answers = []
    const race = await withCpu(server, () => runLoad({
      count: racers.length,
      concurrency: cfg.race.concurrency,
      capMs: cfg.race.capMs,
      task: async (i) => {
        const r = await http.request('POST', `${API}/activities/${id}/enrollment`, { cookie: racers[i].cookie })
        if (r.status === 201) answers.push(r.json)
        return { ms: r.ms, ok: r.status === 201, note: r.status === 201 ? undefined : brief(r) }
      },
    }))
    out.loads.sign_up = race
    const enrolled = answers.filter((a) => a.status === 'enrolled').length
    const waitlisted = answers.filter((a) => a.status === 'waitlisted')
    const want = { enrolled: Math.min(cap, wanted), waitlisted: Math.max(0, wanted - cap) }
    check('race: every sign-up answered 201', race.completed === racers.length && race.failed === 0, race.timedOut ? `cut short after ${race.completed}` : race.failures.join(' | ') || `${race.completed} answers`)
    check(`race: answers say ${want.enrolled} enrolled, ${want.waitlisted} waitlisted`, enrolled === want.enrolled && waitlisted.length === want.waitlisted, `${enrolled} enrolled, ${waitlisted.length} waitlisted`)
    const positions = waitlisted.map((a) => a.waitlistPosition).sort((a, b) => a - b)
    check('race: waitlist answers hold places 1..n, each once', positions.every((p, k) => p === k + 1), `places ${positions[0]}..${positions[positions.length - 1]}`)

    const roster = await http.request('GET', `${API}/activities/${id}/roster`, { cookie: leader.cookie })
    const items = roster.json?.items ?? []
    const rEnrolled = items.filter((e) => e.enrollment === 'enrolled').length
    const rWait = items.filter((e) => e.enrollment === 'waitlisted').map((e) => e.waitlistPosition).sort((a, b) => a - b)
    check(
      `race: roster holds ${want.enrolled} seats and a line of ${want.waitlisted} (1..${want.waitlisted})`,
      roster.status === 200 && rEnrolled === want.enrolled && rWait.length === want.waitlisted && rWait.every((p, k) => p === k + 1) && new Set(items.map((e) => e.volunteerId)).size === items.length,
      roster.status === 200 ? `${rEnrolled} enrolled, ${rWait.length} waitlisted, ${items.length} rows` : brief(roster),
    )
    const act = await http.request('GET', `${API}/activities/${id}`, { cookie: leader.cookie })
    check('race: the activity counts agree', act.json?.enrolledCount === want.enrolled && act.json?.waitlistCount === want.waitlisted, `enrolledCount ${act.json?.enrolledCount}, waitlistCount ${act.json?.waitlistCount}`)
    const again = await http.request('POST', `${API}/activities/${id}/enrollment`, { cookie: racers[0].cookie })
    check('race: signing up twice is refused (409)', again.status === 409, brief(again))
    out.counts.race = { enrolled: rEnrolled, waitlisted: rWait.length }
  } else if (racers.length < wanted) {
    check(`race: ${wanted} racers available`, false, `only ${racers.length}`)
  }

  out.leader = leader
  out.memoryAfterLoad = server.memory()
  return out
}
