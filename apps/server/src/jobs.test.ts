import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { startJobs } from './jobs.js'

const silent = pino({ level: 'silent' })

describe('background jobs', () => {
  it('never runs one job twice at once, survives a failure, and stops cleanly', async () => {
    let runs = 0
    let concurrent = 0
    let maxConcurrent = 0
    let fail = true
    const runner = startJobs(
      [
        {
          name: 'slow',
          everySeconds: 0.01,
          async run() {
            concurrent++
            maxConcurrent = Math.max(maxConcurrent, concurrent)
            await new Promise((r) => setTimeout(r, 30))
            concurrent--
            runs++
            if (fail) {
              fail = false
              throw new Error('first run fails')
            }
            return runs
          },
        },
      ],
      silent,
    )
    await Promise.all([runner.runAll(), runner.runAll()])
    await new Promise((r) => setTimeout(r, 150))
    await runner.stop()
    const after = runs
    await new Promise((r) => setTimeout(r, 50))
    expect(maxConcurrent).toBe(1)
    expect(after).toBeGreaterThanOrEqual(2)
    expect(runs).toBe(after)
  })
})
