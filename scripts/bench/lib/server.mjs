// Starts the built server (apps/server/dist/main.js) the way tests/e2e/helpers.ts does: its own
// process, a free port on 127.0.0.1, a fresh data key, demo data, quiet logs.
import { execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { performance } from 'node:perf_hooks'
import { client } from './http.mjs'

/** A port nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address()
      s.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))))
    })
  })
}

/** Resident and peak memory of a process in MB, from /proc/<pid>/status (Linux). */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN)
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 }
  } catch {
    return { rssMb: NaN, peakMb: NaN }
  }
}

let clockTicks
/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat (Linux). */
export function cpuMsOf(pid) {
  try {
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    clockTicks = 100
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(f[11]) + Number(f[12])) / clockTicks) * 1000
  } catch {
    return NaN
  }
}

/** Every server started and not yet stopped, so an abrupt exit can still kill them. */
export const liveServers = new Set()

/**
 * Spawns the server and waits for /api/health. Resolves with the URL, the pid, the start time
 * (spawn → first healthy answer, demo seeding included) and `stop()`.
 */
export async function startServer({ main, cwd, databaseUrl, env = {}, capMs }) {
  const port = await freePort()
  const t0 = performance.now()
  const proc = spawn(process.execPath, [main], {
    cwd,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      CHAYI_DATA_KEY: randomBytes(32).toString('hex'),
      CHAYI_DEMO: '1',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  liveServers.add(proc)
  let out = ''
  const keep = (b) => {
    out += b.toString()
    if (out.length > 200_000) out = out.slice(-100_000)
  }
  proc.stdout.on('data', keep)
  proc.stderr.on('data', keep)
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve(code ?? signal)))
  exited.then(() => liveServers.delete(proc))
  const url = `http://127.0.0.1:${port}`

  let stopping
  const server = {
    url,
    pid: proc.pid,
    startMs: NaN,
    output: () => out,
    memory: () => memoryOf(proc.pid),
    cpuMs: () => cpuMsOf(proc.pid),
    /** SIGTERM, SIGKILL after 15 s; resolves with the exit code and how long the stop took. */
    stop() {
      stopping ??= (async () => {
        const s0 = performance.now()
        if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM')
        const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000)
        const code = await exited
        clearTimeout(timer)
        return { code, ms: performance.now() - s0 }
      })()
      return stopping
    },
  }

  const http = client(url, { maxSockets: 1 })
  try {
    const deadline = t0 + capMs
    for (;;) {
      if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`the server exited during start-up:\n${out.slice(-4000)}`)
      try {
        const res = await http.request('GET', '/api/health', { timeoutMs: 2000 })
        if (res.status === 200) break
      } catch {
        // not listening yet
      }
      if (performance.now() > deadline) throw new Error(`the server did not become healthy in ${Math.round(capMs / 1000)} s:\n${out.slice(-4000)}`)
      await new Promise((r) => setTimeout(r, 100))
    }
    server.startMs = performance.now() - t0
  } catch (err) {
    await server.stop()
    throw err
  } finally {
    http.close()
  }
  return server
}
