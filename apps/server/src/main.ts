import { ConfigError, createRuntime } from './bootstrap.js'
import { banner, describeDatabase } from './banner.js'
import { presentDemoAccounts, seedDemo, type DemoAccount } from './demo.js'
import { startJobs, serverJobs } from './jobs.js'
import { shutdownOnSignals, startServer } from './server.js'

async function main(): Promise<void> {
  // createRuntime reads the environment, settles the data key, opens the database and migrates it.
  const runtime = await createRuntime(process.env)
  const log = runtime.deps.logger
  try {
    if (runtime.dataKeySource === 'generated') log.warn({ keyFile: runtime.config.keyFile }, 'generated a new data key; back it up with the database')
    let demo: DemoAccount[] = []
    if (runtime.config.demo) {
      const seeded = await seedDemo(runtime.deps)
      if (seeded.created) log.info({ team: seeded.teamId }, 'demo data loaded')
      demo = await presentDemoAccounts(runtime.deps)
    }
    const running = await startServer(runtime)
    // Background sweeps (forgotten check-outs, reminders, the notification outbox); stopped first on shutdown.
    const jobs = startJobs(serverJobs(runtime.deps), log)
    shutdownOnSignals(running, { ...runtime, close: () => jobs.stop().then(() => runtime.close()) })
    process.stdout.write(banner({ url: running.url, host: runtime.config.host, database: describeDatabase(runtime.config.databaseUrl), demo }) + '\n')
  } catch (err) {
    await runtime.close().catch(() => undefined)
    throw err
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`chayi: cannot start: ${err.message}\n`)
  } else if ((err as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    process.stderr.write(`chayi: cannot start: port already in use (${(err as Error).message}). Set PORT to another port.\n`)
  } else {
    process.stderr.write(`chayi: cannot start: ${(err as Error)?.stack ?? String(err)}\n`)
  }
  process.exit(1)
})
