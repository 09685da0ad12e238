#!/usr/bin/env node
// `pnpm bench`: load and scale figures for the built server, on SQLite and (when a PostgreSQL
// server answers) on PostgreSQL, written to bench/REPORT.md. Speed and memory targets live here,
// not in timed unit tests. Everything is bounded (fixed counts, concurrency ≤ 16, a time cap per
// scenario, a cap on the whole run) and aimed at 127.0.0.1 only.
//
//   pnpm bench                        both dialects; PostgreSQL skipped when the default URL does not answer
//   BENCH_PG_URL=postgres://… pnpm bench   that server (the user must be allowed to create databases)
//   BENCH_DIALECTS=sqlite pnpm bench  one dialect only
//   BENCH_STRICT=1 pnpm bench         a missed speed or memory target fails the run too
//   BENCH_BUILD=1 pnpm bench          rebuild the server first even when dist exists
//   BENCH_MODEL_RUNS=20000 pnpm bench the kiosk outbox model's run count (default 5,000; BENCH_MODEL=0 skips it)
//
// Exit 1 when a correctness check fails (or the run cannot finish); a missed target is printed and
// fails the run only with BENCH_STRICT=1.

// ---------------------------------------------------------------------------------------------
// Targets, set after the first runs on the shared 2-core machine (see TARGETS_WHY and
// bench/REPORT.md), with room for neighbours' noise but not for a real regression. Values may differ per dialect
// ({ sqlite, postgres }); `max` is at most, `min` at least. Request rows carry two targets: p95
// latency (what a person feels; swings with the machine's load) and the server's CPU time per
// request (`cpuMax`; steady under load, so it is the one that catches an N+1 query or a lost
// index on a busy machine). A miss is printed; it fails the run only with BENCH_STRICT=1.
const TARGETS = {
  start: { label: 'Start with demo seeding (spawn → healthy)', unit: 's', max: { sqlite: 30, postgres: 60 } },
  rssSeeded: { label: 'Server RSS after seeding', unit: 'MB', max: 300 },
  rssLoad: { label: 'Server RSS after load', unit: 'MB', max: 300 },
  rssPeak: { label: 'Server peak RSS over the whole run (VmHWM)', unit: 'MB', max: 512 },
  upcoming: { label: 'GET /activities?scope=upcoming (volunteer)', on: 'p95', unit: 'ms', max: { sqlite: 250, postgres: 400 }, cpuMax: 10 },
  past: { label: 'GET /activities?scope=past (volunteer)', on: 'p95', unit: 'ms', max: { sqlite: 250, postgres: 400 }, cpuMax: 10 },
  summary: { label: 'GET /hours/summary (5-star volunteer)', on: 'p95', unit: 'ms', max: { sqlite: 250, postgres: 400 }, cpuMax: 10 },
  walkPage: { label: 'GET /volunteers?limit=50 (leader), one page', on: 'p95', unit: 'ms', max: 150, cpuMax: 15 },
  walk: { label: 'Volunteer list, full walk (leader)', unit: 'ms', max: 1000 },
  signIn: { label: 'POST /auth/sign-in (demo phones, scrypt)', on: 'p95', unit: 'ms', max: 2500, cpuMax: 250 },
  signUp: { label: 'POST /activities/{id}/enrollment (race)', on: 'p95', unit: 'ms', max: 2000, cpuMax: 15 },
  signUpRate: { label: 'Sign-up race throughput', unit: '/s', min: 20 },
  aidHouseholds: { label: 'GET /aid/households?limit=50 (aid worker)', on: 'p95', unit: 'ms', max: { sqlite: 250, postgres: 400 }, cpuMax: 8 },
  aidHousehold: { label: 'GET /aid/households/{id} (aid worker)', on: 'p95', unit: 'ms', max: { sqlite: 250, postgres: 400 }, cpuMax: 6 },
  aidDashboard: { label: 'GET /aid/dashboard (leader)', on: 'p95', unit: 'ms', max: { sqlite: 250, postgres: 400 }, cpuMax: 12 },
  aidCases: { label: 'GET /aid/monitoring-cases?state=open (leader)', on: 'p95', unit: 'ms', max: { sqlite: 250, postgres: 400 }, cpuMax: 4 },
  aidExport: { label: 'GET /aid/export.xlsx (leader), whole download', on: 'max', unit: 'ms', max: 500, cpuMax: 150 },
  aidVisit: { label: 'POST /aid/visits, a phone’s offline batch', on: 'p95', unit: 'ms', max: { sqlite: 400, postgres: 600 }, cpuMax: 15 },
  aidVisitResend: { label: 'POST /aid/visits, the same batch resent', on: 'p95', unit: 'ms', max: { sqlite: 250, postgres: 400 }, cpuMax: 5 },
  aidVisitSync: { label: 'Field-visit batch synced (first send, wall time)', unit: 'ms', max: 2000 },
  careDashboard: { label: 'GET /reports/dashboard (leader, care console)', on: 'p95', unit: 'ms', max: { sqlite: 250, postgres: 400 }, cpuMax: 15 },
  granaryItems: { label: 'GET /granary/items (leader, granary stock)', on: 'p95', unit: 'ms', max: { sqlite: 250, postgres: 400 }, cpuMax: 5 },
  board: { label: 'GET /public/board?team=xingfu (tea-house board)', on: 'p95', unit: 'ms', max: { sqlite: 250, postgres: 400 }, cpuMax: 6 },
  modelRate: { label: 'Kiosk outbox model: fast-check runs per second (real API, SQLite)', unit: '/s', min: 20 },
}
const TARGETS_WHY = [
  'Set after the first runs on this machine (four per dialect, 28 Nov 2026, load average 6–10 from other people’s test suites on the same 2 cores),',
  'so that the worst figure seen there still passes. The latency targets have the least room (reads 1.2–1.5× the worst p95 seen);',
  'the server-CPU targets sit 2–3× above every figure seen, and they are the ones that catch a regression on a busy machine.',
  '',
  '- **Reads: p95 ≤ 250 ms on SQLite, ≤ 400 ms on PostgreSQL; server CPU ≤ 10 ms per request.** A volunteer opening the portal on a',
  '  phone should see the list at once, leaving most of a one-second budget to a slow mobile network. Concurrency 8 is more people',
  '  at the same instant than a team of 800 produces. Seen: p95 25–170 ms (SQLite), 57–345 ms (PostgreSQL, whose server shares the',
  '  cores); CPU 1.5–4 ms per request on both. Latency here is mostly queueing behind other processes.',
  '- **Volunteer list: page p95 ≤ 150 ms, CPU ≤ 15 ms; a full walk of 17 pages ≤ 1 s.** A leader scrolling or exporting the whole',
  '  team. Seen: page p95 5–25 ms, CPU 3–4.5 ms, walk 70–130 ms.',
  '- **Sign-in: p95 ≤ 2.5 s, CPU ≤ 250 ms per sign-in.** Dominated on purpose by the scrypt hash (≈ 105 ms CPU each); four at a time',
  '  on two busy cores queue behind each other. Seen: p95 0.9–1.6 s.',
  '- **Sign-up race: p95 ≤ 2 s, CPU ≤ 15 ms per sign-up, ≥ 20 sign-ups/s.** 200 people pressing 报名 in the same minute for 50 seats;',
  '  each sign-up locks the activity row, so they are serialised by design. Seen: p95 0.2–1.1 s, 36–140/s, 3–5 ms CPU. The exact',
  '  50/150 split is a correctness check, never a target.',
  '- **Start with demo data ≤ 30 s (SQLite), ≤ 60 s (PostgreSQL); RSS ≤ 300 MB after seeding and after load; peak ≤ 512 MB.**',
  '  `pnpm start` on a small box or a cheap VPS. Seen: 3.7–8 s and 12–17 s; 110–145 MB; peak 250–270 MB, reached during the',
  '  sign-ins (scrypt memory per hash in flight).',
  '- **Kiosk outbox model ≥ 20 runs/s.** `pnpm test` runs 1,000 random runs of the tablet’s outbox against the real API',
  '  (sell, offline, online, reload, resend, reorder, lost answer); the bench runs more (`BENCH_MODEL_RUNS`, default 5,000). Every',
  '  run must end with the server holding exactly what the tablet acknowledged — a correctness check, never a target. Seen in',
  '  `pnpm test`: 1,000 runs in 12–23 s (45–80/s).',
  '',
  'The aid tracker, care console and tea-house rows were added on 29 Nov 2026 after runs on this machine (seven on SQLite, six on',
  'PostgreSQL, the last two full `pnpm bench` runs; load average 2–11). Those runs were mostly quieter than the ones above: the portal',
  'reads’ p95 peaked at 115 ms (SQLite) and 95 ms (PostgreSQL) in them, against 170 and 345 ms when the portal targets were set. So',
  'the new screen reads keep the portal’s read latency target instead of 1.2–1.5× their own worst: it is 1.5× the worst new read',
  'seen on SQLite (the care dashboard, 166 ms in the busiest run) and 3.4× on PostgreSQL (118 ms), so that it holds in the busier',
  'hours too. Each row gets its own server-CPU target 2.3–3.3× above its worst CPU figure — the figure that catches an N+1 query',
  'or a lost index.',
  '',
  '- **Aid tracker and care-console reads, the tea-house board: p95 ≤ 250 ms on SQLite, ≤ 400 ms on PostgreSQL**, as the portal',
  '  reads: an aid worker opening the household list or a household, the leader opening the aid dashboard, the open monitoring',
  '  cases, the care console’s dashboard and granary stock, and the public board that the tea house’s screen and any passer-by',
  '  poll. Seen, p95 over 300 requests at concurrency 8: household list 26–86 ms, household (the demo household with the most',
  '  members) 24–52 ms, aid dashboard 38–124 ms, open cases 9–78 ms, care dashboard 61–166 ms, granary stock 13–39 ms, board',
  '  16–50 ms. **Server CPU per request: household list ≤ 8 ms (seen 2.1–3.0), household ≤ 6 ms (1.3–2.2), aid dashboard ≤ 12 ms',
  '  (3.2–4.6), open cases ≤ 4 ms (0.8–1.2), care dashboard ≤ 15 ms (3.2–6.3), granary stock ≤ 5 ms (1.1–1.7), board ≤ 6 ms',
  '  (1.3–2.6).**',
  '- **Aid export: every whole download ≤ 500 ms, server CPU ≤ 150 ms per workbook.** The leader pressing 导出 for the 42 demo',
  '  households (a ~21 KB workbook); five downloads one after another, after one unmeasured. Seen: slowest download 41–136 ms,',
  '  30–64 ms CPU each. A person waits for it, so it keeps a latency target with room for the busy hours (3.7× the worst seen).',
  '- **Field visits: p95 ≤ 400 ms on SQLite, ≤ 600 ms on PostgreSQL, CPU ≤ 15 ms per visit; the batch of 40 synced ≤ 2 s.** A',
  '  phone back in signal after days in the villages sends its outbox: 40 visits, one per demo household, each with an income',
  '  update and the checklist, four in flight. Each visit locks its household and writes the visit, an income row and an audit',
  '  event in one transaction. Seen: p95 15–69 ms (SQLite), 28–126 ms (PostgreSQL); CPU 2.5–6.3 ms; the batch in 0.09–0.39 s',
  '  (SQLite) and 0.23–0.54 s (PostgreSQL). Exactly 40 new visits, one per household with the phone’s id and none elsewhere, is a',
  '  correctness check, never a target.',
  '- **The same batch resent: p95 ≤ 250 ms / ≤ 400 ms, CPU ≤ 5 ms per visit.** The phone did not hear the answers and sends the',
  '  40 again with the same ids: the server answers each stored visit (200) and writes nothing — a lookup, so it gets a read’s',
  '  latency target. Seen: p95 5–19 ms (once 118 ms, on SQLite at load average 11), CPU 0.8–1.8 ms. “The resend adds none” is a correctness check.',
  '- **Memory: the same RSS targets, now measured after these scenarios too.** RSS after load was 166–174 MB on SQLite and',
  '  174–250 MB on PostgreSQL (so about 50 MB of room left there), where the care dashboard’s reads grow the heap: a separate probe of 1,800 dashboard reads on',
  '  PostgreSQL went 145 → 244 MB and levelled off there (the board, for comparison, stayed at 147–155 MB). The peak is still',
  '  the sign-ins’ (272–288 MB).',
].join('\n')

// Sizes and caps of each scenario.
const CFG = {
  startCapMs: 120_000,
  reads: { count: 300, concurrency: 8, warmup: 20, capMs: 60_000 },
  signIns: { concurrency: 4, capMs: 120_000 },
  walk: { limit: 50, walks: 3, capMs: 60_000 },
  race: { volunteers: 200, capacity: 50, concurrency: 16, capMs: 60_000 },
  aidExport: { count: 5, warmup: 1, concurrency: 1, capMs: 60_000 },
  aidVisits: { count: 40, concurrency: 4, capMs: 60_000 },
  /** The whole run, both dialects. */
  totalCapMs: 10 * 60_000,
}
// ---------------------------------------------------------------------------------------------

import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join, relative } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { client } from './lib/http.mjs'
import { createThrowawayDb, loadPg, redact, unreachableReason } from './lib/pg.mjs'
import { consoleSummary, markdown } from './lib/report.mjs'
import { runScenarios } from './lib/scenarios.mjs'
import { runSurfaceScenarios } from './lib/surfaces.mjs'
import { liveServers, startServer } from './lib/server.mjs'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SERVER_MAIN = join(ROOT, 'apps/server/dist/main.js')
const REPORT = join(ROOT, 'bench/REPORT.md')
const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test'
const STRICT = process.env.BENCH_STRICT === '1'
const log = (line) => process.stdout.write(`${line}\n`)

// --- clean-up, whatever happens ------------------------------------------------------------
const cleanups = []
const tempDirs = new Set()
async function cleanUp() {
  for (const f of cleanups.splice(0).reverse()) {
    try {
      await f()
    } catch (err) {
      process.stderr.write(`chayi bench: clean-up step failed: ${err?.message ?? err}\n`)
    }
  }
}
// Last resort on an abrupt exit: no awaiting here, so kill and delete what can be done at once.
process.on('exit', () => {
  for (const p of liveServers) p.kill('SIGKILL')
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true })
})
let interrupted = false
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    interrupted = true
    process.stderr.write(`\nchayi bench: ${sig}, cleaning up\n`)
    cleanUp().finally(() => process.exit(130))
  })
}
function tempDir(prefix) {
  const d = mkdtempSync(join(os.tmpdir(), prefix))
  tempDirs.add(d)
  cleanups.push(async () => {
    rmSync(d, { recursive: true, force: true })
    tempDirs.delete(d)
  })
  return d
}

// --- the build -----------------------------------------------------------------------------
function newestSource() {
  let newest = 0
  const walk = (dir) => {
    if (!existsSync(dir)) return
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'dist') continue
      const p = join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (/\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs)
    }
  }
  for (const d of ['apps/server/src', 'packages/api/src', 'packages/db/src', 'packages/domain/src']) walk(join(ROOT, d))
  return newest
}

function ensureBuilt(notes) {
  if (!existsSync(SERVER_MAIN) || process.env.BENCH_BUILD === '1') {
    log('building the server (pnpm --filter @chayi/server build)…')
    execFileSync('pnpm', ['--filter', '@chayi/server', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] })
  } else if (newestSource() > statSync(SERVER_MAIN).mtimeMs) {
    const msg = 'apps/server/dist is older than the sources: these figures are for the last build (BENCH_BUILD=1 rebuilds first)'
    log(`warning: ${msg}`)
    notes.push(msg)
  }
}

// --- machine facts -------------------------------------------------------------------------
const gb = (b) => (b / 1024 ** 3).toFixed(1)
const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ')
function machineFacts() {
  const cpus = os.cpus()
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memGb: gb(os.totalmem()),
    freeGb: gb(os.freemem()),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadStart: loadavg(),
    loadEnd: '',
  }
}
function gitCommit() {
  try {
    const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    const sha = git('rev-parse', '--short', 'HEAD')
    const dirty = git('status', '--porcelain', '--untracked-files=no') !== ''
    return `\`${sha}\`${dirty ? ' with uncommitted changes' : ''}`
  } catch {
    return 'unknown'
  }
}

// --- one dialect ---------------------------------------------------------------------------
function row(key, dialect, kind, value, extra = {}) {
  const t = TARGETS[key]
  const pick = (v) => (v !== null && typeof v === 'object' ? v[dialect] : v)
  const max = pick(t.max)
  const min = pick(t.min)
  const target = max ?? min
  const op = max !== undefined ? 'max' : 'min'
  const cpu = extra.load?.cpuMsPerReq
  const cpuMax = pick(t.cpuMax)
  const cpuPass = cpuMax === undefined || (Number.isFinite(cpu) && cpu <= cpuMax)
  const pass = target === undefined ? undefined : Number.isFinite(value) && !extra.load?.timedOut && (op === 'max' ? value <= target : value >= target) && cpuPass
  return { kind, label: t.label, unit: t.unit, on: t.on, value, target, op, cpuMax, pass, ...extra }
}

async function benchDialect(dialect, { title, databaseUrl, cwd, notes }) {
  const result = { dialect, title, rows: [], checks: [], notes }
  const check = (name, ok, detail) => {
    result.checks.push({ name, ok: !!ok, detail })
    if (!ok) log(`  CHECK FAILED: ${name} — ${detail}`)
  }
  try {
    log(`  starting the server with demo data…`)
    const server = await startServer({ main: SERVER_MAIN, cwd, databaseUrl, capMs: CFG.startCapMs })
    cleanups.push(() => server.stop())
    const seeded = server.memory()
    log(`  healthy after ${(server.startMs / 1000).toFixed(1)} s, RSS ${Math.round(seeded.rssMb)} MB`)
    result.rows.push(row('start', dialect, 'figure', server.startMs / 1000))
    result.rows.push(row('rssSeeded', dialect, 'figure', seeded.rssMb, { detail: `peak while seeding ${Math.round(seeded.peakMb)} MB` }))

    const http = client(server.url, { maxSockets: 16 })
    cleanups.push(async () => http.close())
    const s = await runScenarios({ http, server, cfg: CFG, check, log })
    const L = s.loads
    if (L.activities_upcoming) result.rows.push(row('upcoming', dialect, 'load', L.activities_upcoming.p95, { load: L.activities_upcoming }))
    if (L.activities_past) result.rows.push(row('past', dialect, 'load', L.activities_past.p95, { load: L.activities_past }))
    if (L.hours_summary) result.rows.push(row('summary', dialect, 'load', L.hours_summary.p95, { load: L.hours_summary }))
    if (s.walk) {
      const p = s.walk.page
      result.rows.push(row('walkPage', dialect, 'load', p.p95, { load: { ...p, requested: p.n, completed: p.n, concurrency: 1, perSecond: p.n / (s.walk.walks.reduce((a, b) => a + b, 0) / 1000 || NaN), timedOut: s.walk.cut } }))
      result.rows.push(row('walk', dialect, 'figure', s.walk.p50, { detail: `median of ${s.walk.walks.length} walks of ${s.walk.pages} pages, ${s.walk.volunteers} volunteers; slowest ${Math.round(s.walk.max)} ms` }))
    }
    if (L.sign_in) result.rows.push(row('signIn', dialect, 'load', L.sign_in.p95, { load: L.sign_in }))
    if (L.sign_up) {
      result.rows.push(row('signUp', dialect, 'load', L.sign_up.p95, { load: L.sign_up }))
      const race = s.counts.race
      result.rows.push(row('signUpRate', dialect, 'figure', L.sign_up.perSecond, { detail: `${L.sign_up.completed} sign-ups in ${(L.sign_up.wallMs / 1000).toFixed(2)} s${race ? `; ${race.enrolled} enrolled, ${race.waitlisted} waitlisted` : ''}` }))
    }

    const o = await runSurfaceScenarios({ http, server, cfg: CFG, check, log, leader: s.leader, root: ROOT })
    const O = o.loads
    const loadRow = (key, l, value = l.p95) => result.rows.push(row(key, dialect, 'load', value, { load: l }))
    if (O.aid_households) loadRow('aidHouseholds', O.aid_households)
    if (O.aid_household) loadRow('aidHousehold', O.aid_household)
    if (O.aid_dashboard) loadRow('aidDashboard', O.aid_dashboard)
    if (O.aid_cases) loadRow('aidCases', O.aid_cases)
    if (O.aid_export) loadRow('aidExport', O.aid_export, O.aid_export.max)
    if (O.aid_visit) loadRow('aidVisit', O.aid_visit)
    if (O.aid_visit_resend) loadRow('aidVisitResend', O.aid_visit_resend)
    const v = o.counts.visits
    if (v) result.rows.push(row('aidVisitSync', dialect, 'figure', v.wallMs, { detail: `${v.n} visits at concurrency ${CFG.aidVisits.concurrency}; the resend took ${Math.round(v.resendWallMs)} ms` }))
    if (O.care_dashboard) loadRow('careDashboard', O.care_dashboard)
    if (O.granary_items) loadRow('granaryItems', O.granary_items)
    if (O.board) loadRow('board', O.board)
    notes.push(...o.notes)

    const portal = s.memoryAfterLoad
    const after = server.memory()
    result.rows.push(row('rssLoad', dialect, 'figure', after.rssMb, { detail: `${Math.round(portal.rssMb)} MB after the volunteer portal’s scenarios` }))
    result.rows.push(row('rssPeak', dialect, 'figure', after.peakMb, { detail: after.peakMb > portal.peakMb + 1 ? `${Math.round(portal.peakMb)} MB after the sign-ins (scrypt memory per hash); rose during the aid, care and tea-house scenarios` : 'reached during the sign-ins: each scrypt hash takes its own memory' }))

    const stop = await server.stop()
    log(`  stopped in ${Math.round(stop.ms)} ms (exit ${stop.code})`)
    notes.push(`Graceful stop (SIGTERM → exit): ${Math.round(stop.ms)} ms, exit code ${stop.code}.`)
    if (s.counts.notVolunteers) notes.push(`${s.counts.notVolunteers} of the demo phones signed in belong to pending or rejected applicants and were not used for the race.`)
  } catch (err) {
    result.error = err?.message?.split('\n')[0] ?? String(err)
    check('the bench ran to the end', false, result.error)
    process.stderr.write(`${err?.stack ?? err}\n`)
  }
  return result
}

/**
 * The kiosk's outbox model test (apps/kiosk/src/outbox-model.test.ts) with many more runs than
 * `pnpm test` gives it: the tablet's ledger must equal the server's after every random run.
 */
function benchOutboxModel() {
  const runs = Number(process.env.BENCH_MODEL_RUNS ?? 5_000)
  const result = { dialect: 'sqlite', title: `Kiosk outbox model (${runs.toLocaleString('en')} fast-check runs against the real API on SQLite)`, rows: [], checks: [], notes: [] }
  log(`\nKiosk outbox model: ${runs} runs…`)
  const t0 = performance.now()
  const r = spawnSync(process.execPath, [join(ROOT, 'apps/kiosk/node_modules/vitest/vitest.mjs'), 'run', 'src/outbox-model.test.ts', '--testTimeout', String(CFG.totalCapMs)], {
    cwd: join(ROOT, 'apps/kiosk'),
    env: { ...process.env, CHAYI_MODEL_RUNS: String(runs) },
    encoding: 'utf8',
    timeout: CFG.totalCapMs,
  })
  const seconds = (performance.now() - t0) / 1000
  const ok = r.status === 0
  result.checks.push({ name: 'every run: the server holds exactly what the tablet acknowledged, each once', ok, detail: ok ? `${runs} runs passed` : (r.stdout + r.stderr).split('\n').filter((l) => /FAIL|Error|Counterexample|seed/.test(l)).slice(0, 5).join(' | ') || `exit ${r.status}` })
  result.rows.push(row('modelRate', 'sqlite', 'figure', ok ? runs / seconds : NaN, { detail: `${runs} runs in ${seconds.toFixed(1)} s (vitest start included)` }))
  log(`  ${ok ? 'passed' : 'FAILED'} in ${seconds.toFixed(1)} s`)
  return result
}

// --- main ----------------------------------------------------------------------------------
async function main() {
  const t0 = performance.now()
  const machine = machineFacts()
  const commit = gitCommit()
  const dialects = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim())
  const commonNotes = []
  ensureBuilt(commonNotes)
  log(`chayi bench — ${machine.cpu} × ${machine.cores}, load ${machine.loadStart}`)

  const results = []
  if (dialects.includes('sqlite')) {
    log('\nSQLite')
    const dir = tempDir('chayi-bench-sqlite-')
    results.push(await benchDialect('sqlite', { title: 'SQLite (embedded, file in a temporary folder)', databaseUrl: `file:${join(dir, 'chayi.db')}`, cwd: dir, notes: [...commonNotes] }))
    await cleanUp()
  }
  if (dialects.includes('postgres')) {
    log('\nPostgreSQL')
    const explicit = !!process.env.BENCH_PG_URL?.trim()
    const adminUrl = process.env.BENCH_PG_URL?.trim() || DEFAULT_PG_URL
    const pg = loadPg(ROOT)
    const why = await unreachableReason(pg, adminUrl)
    if (why) {
      const msg = `${redact(adminUrl)} did not answer (${why})`
      log(`  skipped: ${msg}`)
      const r = { dialect: 'postgres', title: 'PostgreSQL', rows: [], checks: [], notes: [], skipped: msg }
      // Asked for by name and not there: that is a failed run, not a skipped one.
      if (explicit) r.checks.push({ name: 'BENCH_PG_URL answers', ok: false, detail: msg })
      results.push(r)
    } else {
      const c = new pg.Client({ connectionString: adminUrl })
      await c.connect()
      const version = (await c.query('show server_version')).rows[0].server_version
      await c.end()
      const db = await createThrowawayDb(pg, adminUrl)
      cleanups.push(() => db.drop())
      log(`  throwaway database ${db.name}`)
      const dir = tempDir('chayi-bench-pg-')
      results.push(await benchDialect('postgres', { title: `PostgreSQL ${version.split(' ')[0]} (throwaway database on 127.0.0.1)`, databaseUrl: db.url, cwd: dir, notes: [...commonNotes] }))
      await cleanUp()
    }
  }

  if (!interrupted && process.env.BENCH_MODEL !== '0') results.push(benchOutboxModel())

  // An interrupted run leaves the last complete report as it was.
  if (interrupted) return 130
  machine.loadEnd = loadavg()
  const totalSeconds = (performance.now() - t0) / 1000
  const config = [
    `Each dialect gets its own server process (\`apps/server/dist/main.js\`, \`LOG_LEVEL=warn\`, \`CHAYI_DEMO=1\`) on a free port of`,
    `127.0.0.1 and a fresh database with the demo team (830 volunteers, a year of activities and hours). The client is Node's`,
    `\`http\` with keep-alive on the same machine. In order: ${CFG.reads.count} requests at concurrency ${CFG.reads.concurrency} (after ${CFG.reads.warmup} unmeasured) for each read;`,
    `demo phones sign in ${CFG.signIns.concurrency} at a time until ${CFG.race.volunteers} active volunteers have a session; the leader pages through`,
    `the volunteer list ${CFG.walk.walks} times (limit ${CFG.walk.limit}, one page after another); then the leader publishes an activity with`,
    `${CFG.race.capacity} seats and the ${CFG.race.volunteers} volunteers sign up, ${CFG.race.concurrency} in flight at a time. Every scenario stops starting requests after its`,
    `time cap (reads ${CFG.reads.capMs / 1000} s, sign-ins ${CFG.signIns.capMs / 1000} s, walk ${CFG.walk.capMs / 1000} s, race ${CFG.race.capMs / 1000} s); the whole run is capped at ${CFG.totalCapMs / 60_000} min.`,
    `Latencies are client-side, request sent → last byte received. RSS is \`VmRSS\` of the server process from \`/proc/<pid>/status\``,
    `(peak: \`VmHWM\`); server CPU per request is the process's user + system time over the scenario (\`/proc/<pid>/stat\`)`,
    `divided by its requests. The sign-in limit counts failed attempts only (packages/api/src/identity/attempts.ts), so the`,
    `bench's ~200 successful sign-ins from one address need no raised limit; a 429 would fail a check.`,
    `Then the other surfaces, with the same read size: the demo aid worker (\`aid\`) reads the household list (\`limit=50\`) and`,
    `the demo household with the most members; the leader reads the aid dashboard and the open monitoring cases and downloads the`,
    `aid export ${CFG.aidExport.count} times one after another (after ${CFG.aidExport.warmup} unmeasured; timed to the last byte). Then a phone back online: the aid`,
    `worker posts ${CFG.aidVisits.count} field visits (one per demo household, each with an income update and the checklist, ids made on the client`,
    `with uuid's v7 as the app does, \`Idempotency-Key\` = the visit id as the outbox sends it), ${CFG.aidVisits.concurrency} in flight (cap ${CFG.aidVisits.capMs / 1000} s), and then`,
    `the same ${CFG.aidVisits.count} again; every household's visits are listed before, between and after. Last, the leader reads the care`,
    `console's dashboard (\`/reports/dashboard\`) and the granary stock (\`/granary/items\`), and the public tea-house board`,
    `(\`/public/board?team=xingfu\`) is read without a session.`,
  ].join('\n')
  mkdirSync(join(ROOT, 'bench'), { recursive: true })
  writeFileSync(
    REPORT,
    markdown({ date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), commit, machine, config, targetsText: TARGETS_WHY, results, totalSeconds, strict: STRICT }),
  )
  log(consoleSummary(results))

  const failedChecks = results.flatMap((r) => r.checks.filter((c) => !c.ok))
  const misses = results.flatMap((r) => r.rows.filter((x) => x.target !== undefined && !x.pass))
  log(`\nreport: ${relative(process.cwd(), REPORT) || REPORT} — ${totalSeconds.toFixed(0)} s in all`)
  if (failedChecks.length) log(`FAILED: ${failedChecks.length} correctness check(s)`)
  if (misses.length) log(`${misses.length} target(s) MISSED${STRICT ? ' (BENCH_STRICT=1: failing the run)' : ' (set BENCH_STRICT=1 to fail on that)'}`)
  return failedChecks.length || (STRICT && misses.length) ? 1 : 0
}

const watchdog = setTimeout(() => {
  process.stderr.write(`chayi bench: still running after ${CFG.totalCapMs / 60_000} min; stopping\n`)
  cleanUp().finally(() => process.exit(1))
}, CFG.totalCapMs)

let code = 1
try {
  code = await main()
} catch (err) {
  process.stderr.write(`chayi bench: ${err?.stack ?? err}\n`)
} finally {
  await cleanUp()
  clearTimeout(watchdog)
}
process.exitCode = code
