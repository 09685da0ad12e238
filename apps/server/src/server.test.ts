import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clientAddressResolver, createRuntime, type Runtime } from './bootstrap.js'
import { pickLang } from './pages/launcher.js'
import { createServerApp, startServer } from './server.js'
import { TEST_DATA_KEY, tempDir } from './test-helpers.js'

const APP_LINKS = ['/volunteer/', '/kiosk/', '/care/', '/tracker/']

const hrefs = (html: string) => [...html.matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => m[1])
const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1]

let runtime: Runtime
const data = tempDir()
const emptyApps = tempDir('chayi-apps-empty-')
const fakeApps = tempDir('chayi-apps-fake-')

beforeAll(async () => {
  runtime = await createRuntime({ DATABASE_URL: `file:${join(data.dir, 'chayi.db')}`, CHAYI_DATA_KEY: TEST_DATA_KEY, LOG_LEVEL: 'silent' })
  // A built volunteer app, as vite would leave it; the other three stay unbuilt.
  const dist = join(fakeApps.dir, 'volunteer', 'dist')
  mkdirSync(join(dist, 'assets'), { recursive: true })
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>volunteer spa</title><div id="app"></div>')
  writeFileSync(join(dist, 'assets', 'index-3f2a.js'), 'console.log("volunteer")')
  writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"志愿者门户"}')
  writeFileSync(join(dist, '.env'), 'SECRET=1')
  writeFileSync(join(fakeApps.dir, 'secret.txt'), 'outside the dist folder')
})

afterAll(async () => {
  await runtime.close()
  for (const d of [data, emptyApps, fakeApps]) d.remove()
})

describe('launcher page at /', () => {
  it('is Chinese by default and links to the four apps, the board and the API docs', async () => {
    const res = await createServerApp(runtime, { appsDir: emptyApps.dir }).request('/')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await res.text()
    expect(html).toContain('<html lang="zh-CN">')
    expect(title(html)).toBe('茶义 · 社区志愿服务')
    for (const name of ['志愿者门户', '茶馆平板', '关爱中心台', '藏区帮扶', '公开看板', 'API 文档']) expect(html).toContain(name)
    expect(hrefs(html)).toEqual(expect.arrayContaining([...APP_LINKS, '/kiosk/board', '/api/docs', '/?lang=en']))
    // Nothing is fetched from elsewhere: no CDN, no web font.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//)
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
  })

  it('is English with ?lang=en, with a switch back to Chinese', async () => {
    const html = await (await createServerApp(runtime, { appsDir: emptyApps.dir }).request('/?lang=en')).text()
    expect(html).toContain('<html lang="en">')
    expect(title(html)).toBe('Chayi · Community volunteering')
    for (const name of ['Volunteer portal', 'Tea-house kiosk', 'Care-centre console', 'Aid tracker', 'Public board', 'API docs']) expect(html).toContain(name)
    expect(hrefs(html)).toEqual(expect.arrayContaining([...APP_LINKS, '/kiosk/board', '/api/docs', '/?lang=zh-CN']))
  })

  it('follows Accept-Language when it prefers English, and says it varies on it', async () => {
    const app = createServerApp(runtime, { appsDir: emptyApps.dir })
    const en = await app.request('/', { headers: { 'accept-language': 'en-GB,en;q=0.9,zh-CN;q=0.5' } })
    expect(await en.text()).toContain('<html lang="en">')
    expect(en.headers.get('vary')).toMatch(/accept-language/i)
    const zh = await app.request('/', { headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' } })
    expect(await zh.text()).toContain('<html lang="zh-CN">')
    // ?lang wins over the header.
    const forced = await app.request('/?lang=zh-CN', { headers: { 'accept-language': 'en' } })
    expect(await forced.text()).toContain('<html lang="zh-CN">')
  })

  it('remembers a language chosen with the switch', async () => {
    const app = createServerApp(runtime, { appsDir: emptyApps.dir })
    const chosen = await app.request('/?lang=en', { headers: { 'accept-language': 'zh-CN' } })
    const cookie = chosen.headers.get('set-cookie')
    expect(cookie).toMatch(/^chayi_lang=en;/)
    const back = await app.request('/', { headers: { 'accept-language': 'zh-CN', cookie: 'chayi_lang=en' } })
    expect(await back.text()).toContain('<html lang="en">')
    // Without a choice, or with one we do not offer, nothing is set.
    expect((await app.request('/')).headers.get('set-cookie')).toBeNull()
    expect((await app.request('/?lang=fr')).headers.get('set-cookie')).toBeNull()
  })

  it('picks the language by quality, not by order', () => {
    expect(pickLang(undefined, undefined)).toBe('zh-CN')
    expect(pickLang(undefined, 'fr-FR, de;q=0.9')).toBe('zh-CN')
    expect(pickLang(undefined, 'fr, en;q=0.5')).toBe('en')
    expect(pickLang(undefined, 'zh;q=0.4, en-US;q=0.8')).toBe('en')
    expect(pickLang(undefined, 'en;q=0, zh')).toBe('zh-CN')
    expect(pickLang('EN', 'zh')).toBe('en')
    expect(pickLang('xx', 'en')).toBe('en')
  })

  it('marks which apps are not built yet', async () => {
    const html = await (await createServerApp(runtime, { appsDir: fakeApps.dir }).request('/')).text()
    const card = (name: string) => new RegExp(`data-app="${name}"[\\s\\S]*?</a>`).exec(html)?.[0] ?? ''
    expect(card('volunteer')).not.toContain('尚未构建')
    for (const name of ['kiosk', 'care', 'tracker']) expect(card(name)).toContain('尚未构建')
  })
})

describe('an app that is not built yet', () => {
  const app = () => createServerApp(runtime, { appsDir: emptyApps.dir })

  it('answers its base path and client routes with a bilingual note (200)', async () => {
    for (const path of ['/care/', '/care/beneficiaries/42', '/kiosk/board']) {
      const res = await app().request(path)
      expect(res.status, path).toBe(200)
      const html = await res.text()
      expect(html).toContain('尚未构建')
      expect(html).toContain('not built yet')
      expect(html).toContain('href="/"')
    }
    expect(await (await app().request('/care/')).text()).toContain('关爱中心台')
  })

  it('answers a request for a file with 404', async () => {
    expect((await app().request('/care/assets/index.js')).status).toBe(404)
  })

  it('redirects the base path without its slash', async () => {
    const res = await app().request('/tracker?x=1')
    expect(res.status).toBe(308)
    expect(res.headers.get('location')).toBe('/tracker/?x=1')
  })
})

describe('a built app (CHAYI_APPS_DIR)', () => {
  let app: ReturnType<typeof createServerApp>
  beforeAll(async () => {
    const rt = await createRuntime({ DATABASE_URL: `file:${join(data.dir, 'apps.db')}`, CHAYI_DATA_KEY: TEST_DATA_KEY, LOG_LEVEL: 'silent', CHAYI_APPS_DIR: fakeApps.dir })
    app = createServerApp(rt)
    return () => rt.close()
  })

  it('serves index.html at the base path', async () => {
    const res = await app.request('/volunteer/')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(await res.text()).toContain('volunteer spa')
  })

  it('falls back to index.html for client-side routes without a file extension', async () => {
    for (const path of ['/volunteer/activities/42', '/volunteer/me/', '/volunteer/certificate']) {
      const res = await app.request(path)
      expect(res.status, path).toBe(200)
      expect(await res.text(), path).toContain('volunteer spa')
    }
  })

  it('serves files with their type, and caches hashed assets for good', async () => {
    const js = await app.request('/volunteer/assets/index-3f2a.js')
    expect(js.status).toBe(200)
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(js.headers.get('cache-control')).toContain('immutable')
    expect(await js.text()).toBe('console.log("volunteer")')
    const manifest = await app.request('/volunteer/manifest.webmanifest')
    expect(manifest.headers.get('content-type')).toBe('application/manifest+json; charset=utf-8')
    expect(manifest.headers.get('cache-control')).toBe('no-cache')
  })

  it('answers 304 to a matching ETag', async () => {
    const first = await app.request('/volunteer/assets/index-3f2a.js')
    const etag = first.headers.get('etag')
    expect(etag).toBeTruthy()
    const again = await app.request('/volunteer/assets/index-3f2a.js', { headers: { 'if-none-match': etag! } })
    expect(again.status).toBe(304)
  })

  it('does not fall back for missing files, dot-files or paths outside the dist folder', async () => {
    expect((await app.request('/volunteer/assets/missing.js')).status).toBe(404)
    expect((await app.request('/volunteer/.env')).status).toBe(404)
    expect((await app.request('/volunteer/%2e%2e/%2e%2e/secret.txt')).status).toBe(404)
    expect((await app.request('/volunteer/..%2f..%2fsecret.txt')).status).toBe(404)
  })

  it('keeps the other apps on their not-built note', async () => {
    expect(await (await app.request('/kiosk/')).text()).toContain('not built yet')
  })
})

describe('the API through the full server app', () => {
  it('answers /api/health', async () => {
    const res = await createServerApp(runtime).request('/api/health')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok', version: expect.any(String), database: 'sqlite' })
  })

  it('keeps the API error contract for unknown API paths, and plain 404 elsewhere', async () => {
    const app = createServerApp(runtime)
    const api = await app.request('/api/v1/nothing-here')
    expect(api.status).toBe(404)
    expect(await api.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } })
    expect((await app.request('/nothing-here')).status).toBe(404)
  })

  it('serves the OpenAPI document', async () => {
    const res = await createServerApp(runtime).request('/api/openapi.json')
    expect(res.status).toBe(200)
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> }
    expect(doc.openapi).toMatch(/^3\.1/)
    expect(Object.keys(doc.paths)).toContain('/api/health')
  })
})

describe('client address', () => {
  const probe = (trust: boolean) => {
    const resolve = clientAddressResolver(trust)
    return new Hono().get('/', (c) => c.text(resolve(c)))
  }

  it('takes the first X-Forwarded-For entry only when the proxy is trusted', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.7, 10.0.0.2' }
    expect(await (await probe(true).request('/', { headers })).text()).toBe('203.0.113.7')
    // Untrusted, the header is ignored; an in-process request has no socket.
    expect(await (await probe(false).request('/', { headers })).text()).toBe('local')
  })

  it('uses the socket address on a real server', async () => {
    const running = await startServer(runtime, { port: 0, host: '127.0.0.1' })
    try {
      // Sign-in records the client address of each attempt.
      const res = await fetch(`${running.url}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
        body: JSON.stringify({ login: 'nobody-here', password: 'wrong password' }),
      })
      expect(res.status).toBe(401)
      const attempt = await runtime.deps.db.selectFrom('signInAttempts').select('address').where('accountKey', '=', 'nobody-here').executeTakeFirstOrThrow()
      expect(attempt.address).toMatch(/^(::ffff:)?127\.0\.0\.1$/)
    } finally {
      await running.close()
    }
  })
})

describe('startServer', () => {
  it('listens, answers health over HTTP and closes', async () => {
    const running = await startServer(runtime, { port: 0, host: '127.0.0.1' })
    expect(running.url).toBe(`http://127.0.0.1:${running.port}`)
    const res = await fetch(`${running.url}/api/health`)
    expect(res.status).toBe(200)
    await running.close()
    await expect(fetch(`${running.url}/api/health`)).rejects.toThrow()
  })
})
