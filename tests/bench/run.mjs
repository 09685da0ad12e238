// `pnpm bench`: load and scale figures, written to tests/bench/report.md once a benchmark exists.
// None exists yet, and this script prints no figures it has not measured.
import process from 'node:process'

process.stdout.write('chayi bench: no benchmark exists yet; nothing was measured.\n')
process.exitCode = 0
