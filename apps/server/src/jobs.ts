import type { Logger } from 'pino'
import { closeForgottenCheckOuts, dispatchOutbox, sendActivityReminders, type Deps } from '@chayi/api'

export interface Job {
  name: string
  /** Seconds between runs. */
  everySeconds: number
  run(): Promise<unknown>
}

export interface JobRunner {
  /** Runs every job once now (awaited), e.g. at start-up or from a test. */
  runAll(): Promise<void>
  stop(): Promise<void>
}

/**
 * Background work of the server (closing forgotten check-outs, reminders, sending the outbox):
 * each job on its own interval, never two runs of one job at once, a failure logged and retried
 * at the next tick. Every job is safe to run in several server instances at the same time (each
 * claims its rows in a transaction), so scaling out needs no leader election.
 */
export function startJobs(jobs: readonly Job[], logger: Logger): JobRunner {
  const running = new Map<string, Promise<void>>()
  const once = (job: Job): Promise<void> => {
    const busy = running.get(job.name)
    if (busy) return busy
    const p = job
      .run()
      .then((result) => {
        if (result && typeof result === 'object' && Object.values(result).some((v) => typeof v === 'number' && v > 0)) logger.info({ job: job.name, result }, 'job ran')
        else if (typeof result === 'number' && result > 0) logger.info({ job: job.name, result }, 'job ran')
      })
      .catch((err: unknown) => logger.warn({ err, job: job.name }, 'job failed; will retry'))
      .finally(() => running.delete(job.name))
    running.set(job.name, p)
    return p
  }
  const timers = jobs.map((job) => {
    const t = setInterval(() => void once(job), job.everySeconds * 1000)
    t.unref()
    return t
  })
  return {
    async runAll() {
      await Promise.all(jobs.map(once))
    },
    async stop() {
      for (const t of timers) clearInterval(t)
      await Promise.all(running.values())
    },
  }
}

/** What the server runs in the background (each safe in several instances at once). */
export function serverJobs(deps: Deps): Job[] {
  return [
    { name: 'close-forgotten-check-outs', everySeconds: 60, run: () => closeForgottenCheckOuts(deps) },
    { name: 'activity-reminders', everySeconds: 300, run: () => sendActivityReminders(deps) },
    { name: 'notification-outbox', everySeconds: 15, run: () => dispatchOutbox(deps) },
  ]
}
