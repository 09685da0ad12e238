import { EventEmitter } from 'node:events'
import pg from 'pg'
import { sql, type Kysely } from 'kysely'
import { dialectOf, parseDatabaseUrl } from './connect.js'

/**
 * Live updates (public board, kiosk screens). On SQLite there is one process, so an in-process
 * emitter is enough; on PostgreSQL every API instance LISTENs, so a write on any instance reaches
 * subscribers on all of them.
 */
export interface EventBus {
  publish(channel: string, message: unknown): Promise<void>
  subscribe(channel: string, fn: (message: unknown) => void): () => void
  close(): Promise<void>
}

const PG_CHANNEL = 'chayi_events'

export async function createEventBus(db: Kysely<any>, url: string): Promise<EventBus> {
  const local = new EventEmitter()
  local.setMaxListeners(0)
  const subscribe = (channel: string, fn: (m: unknown) => void) => {
    local.on(channel, fn)
    return () => void local.off(channel, fn)
  }

  if (dialectOf(db) === 'sqlite') {
    return {
      async publish(channel, message) {
        local.emit(channel, message)
      },
      subscribe,
      async close() {
        local.removeAllListeners()
      },
    }
  }

  const parsed = parseDatabaseUrl(url)
  if (parsed.dialect !== 'postgres') throw new Error('event bus: URL does not match the database dialect')
  let closed = false
  let client: pg.Client | null = null

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: parsed.url })
    c.on('notification', (n) => {
      if (n.channel !== PG_CHANNEL || !n.payload) return
      try {
        const { channel, message } = JSON.parse(n.payload) as { channel: string; message: unknown }
        local.emit(channel, message)
      } catch {
        // A payload we did not write; ignore it rather than crash the listener.
      }
    })
    // A dropped listener connection is re-made, so live boards recover after a database restart.
    c.on('error', () => {
      client = null
      if (!closed) setTimeout(() => void connect().catch(() => undefined), 1000).unref()
    })
    await c.connect()
    await c.query(`LISTEN ${PG_CHANNEL}`)
    client = c
  }
  await connect()

  return {
    async publish(channel, message) {
      const payload = JSON.stringify({ channel, message })
      await sql`select pg_notify(${PG_CHANNEL}, ${payload})`.execute(db)
    },
    subscribe,
    async close() {
      closed = true
      local.removeAllListeners()
      await client?.end().catch(() => undefined)
    },
  }
}
