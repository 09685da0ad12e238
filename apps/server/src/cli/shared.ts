import { existsSync } from 'node:fs'
import type { DestinationStream } from 'pino'
import { parseDatabaseUrl, DEFAULT_DATABASE_URL } from '@chayi/db'
import { createRuntime, type Runtime } from '../bootstrap.js'

/** Where a command writes: one line per call. Tests collect the lines; the binary prints them. */
export interface CliIo {
  out(line: string): void
  err(line: string): void
}

export type Env = Record<string, string | undefined>

/** Bad arguments: printed with a pointer to `chayi help`, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** A refusal that is the user's to fix (unknown team, taken username): printed plainly, exit code 1. */
export class CliFailure extends Error {
  override name = 'CliFailure'
}

/**
 * A runtime for one command. Log lines go to stderr (stdout is the command's answer), at `warn`
 * unless LOG_LEVEL says otherwise, and the data key is read only if the command needs it.
 */
export async function withRuntime<T>(env: Env, io: CliIo, opts: { migrate: boolean }, fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const logDestination: DestinationStream = { write: (s: string) => io.err(s.trimEnd()) }
  const rt = await createRuntime(env, { migrate: opts.migrate, dataKey: 'lazy', logDestination, defaultLogLevel: 'warn' })
  try {
    return await fn(rt)
  } finally {
    await rt.close()
  }
}

/** Read-only commands must not create an empty SQLite file where the user mistyped a path. */
export function requireExistingDatabase(env: Env): void {
  const url = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL
  const parsed = parseDatabaseUrl(url)
  if (parsed.dialect === 'sqlite' && parsed.file !== ':memory:' && !existsSync(parsed.file)) {
    throw new CliFailure(`no database at ${parsed.file} (DATABASE_URL=${url})`)
  }
}
