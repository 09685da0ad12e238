import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { runCli } from './cli/run.js'

export { runCli, HELP, type CliIo } from './cli/run.js'

/** True when this file is the program being run (directly, or through the bin symlink). */
function isMain(): boolean {
  const script = process.argv[1]
  if (!script) return false
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (isMain()) {
  const io = { out: (line: string) => process.stdout.write(line + '\n'), err: (line: string) => process.stderr.write(line + '\n') }
  runCli(process.argv.slice(2), process.env, io).then(
    (code) => {
      process.exitCode = code
    },
    (err: unknown) => {
      process.stderr.write(`chayi: ${(err as Error)?.stack ?? String(err)}\n`)
      process.exitCode = 1
    },
  )
}
