import { spawn, type ChildProcess } from 'node:child_process'
import { request } from 'node:http'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { freePort, TEST_DATA_KEY, tempDir } from './test-helpers.js'

// The real server process, run from source with tsx (no build needed), on a temporary database.
const serverDir = fileURLToPath(new URL('..', import.meta.url))

interface Child {
  proc: ChildProcess
  port: number
  output: () => string
  /** ms: from the first signal to the exit. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>
  signal(sig: NodeJS.Signals): void
}

const children: Child[] = []
const dirs: { remove(): void }[] = []
afterEach(() => {
  for (const c of children.splice(0)) if (c.proc.exitCode === null) c.proc.kill('SIGKILL')
  for (const d of dirs.splice(0)) d.remove()
})

async function startChild(): Promise<Child> {
  const data = tempDir()
  dirs.push(data)
  const port = await freePort()
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: `file:${join(data.dir, 'chayi.db')}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      CHAYI_DATA_KEY: TEST_DATA_KEY,
      CHAYI_DEMO: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  proc.stdout!.on('data', (b: Buffer) => (out += b.toString()))
  proc.stderr!.on('data', (b: Buffer) => (out += b.toString()))
  let signalledAt = 0
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal, ms: signalledAt ? Date.now() - signalledAt : -1 })),
  )
  const signal = (sig: NodeJS.Signals) => {
    signalledAt ||= Date.now()
    proc.kill(sig)
  }
  const child: Child = { proc, port, output: () => out, exited, signal }
  children.push(child)

  const deadline = Date.now() + 25_000
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited early:\n${out}`)
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`)
      if (res.ok) return child
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${out}`)
    await new Promise((r) => setTimeout(r, 150))
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('graceful shutdown of the server process', () => {
  it('exits 0 soon after SIGTERM', async () => {
    const child = await startChild()
    child.signal('SIGTERM')
    const { code, signal, ms } = await child.exited
    expect({ code, signal }, child.output()).toEqual({ code: 0, signal: null })
    expect(ms).toBeLessThan(5_000)
    expect(child.output()).toContain('shutting down')
  })

  it('exits 0 on SIGINT too', async () => {
    const child = await startChild()
    child.signal('SIGINT')
    expect((await child.exited).code, child.output()).toBe(0)
  })

  it('lets a request in flight finish, refuses new connections, then exits 0', async () => {
    const child = await startChild()
    const body = JSON.stringify({ login: 'nobody', password: 'not the password' })
    const half = Math.floor(body.length / 2)
    // A request whose body arrives in two parts: it is in flight while the signal comes.
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: child.port, method: 'POST', path: '/api/v1/auth/sign-in', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          let text = ''
          res.on('data', (b: Buffer) => (text += b.toString()))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
        },
      )
      req.on('error', reject)
      req.write(body.slice(0, half))
      setTimeout(() => {
        child.signal('SIGTERM')
        setTimeout(() => req.end(body.slice(half)), 700)
      }, 300)
    })

    await sleep(600)
    expect(child.proc.exitCode).toBeNull()
    await expect(fetch(`http://127.0.0.1:${child.port}/api/health`)).rejects.toThrow()

    const res = await response
    expect(res.status).toBe(401)
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'invalid_credentials' } })
    const { code } = await child.exited
    expect(code, child.output()).toBe(0)
  })
})
