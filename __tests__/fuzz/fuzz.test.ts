import { beforeAll, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { prepareEngine } from '../../src/core/engine.js'
import { loadSeeds } from './cases.js'
import { runFuzz } from './run.js'

/**
 * A fixed-seed fuzz run (the full one is `npm run fuzz`): in-repo seeds only, so that it is the same run
 * on every machine.
 */
const COUNT = 5000

beforeAll(() => prepareEngine())

it(`${COUNT} generated and mutated inputs: no exception, no internal error, deterministic, sorted, in time`, () => {
  const seeds = loadSeeds([join(process.cwd(), 'examples')])
  const stats = runFuzz({ seed: 9, first: 0, count: COUNT, timeBudgetMs: 150_000, seeds, limitMs: 2000, fixes: true, minimize: false })
  const failures = stats.crashes.flatMap((c) => c.failures.map((f) => `case ${c.index} (${c.origin}): ${f.kind}: ${f.detail}`))
  expect(failures).toEqual([])
  expect(stats.cases).toBe(COUNT)
  // The heap, not the resident size: a Jest worker's RSS holds what the test files before this one used
  // (1.2 GB seen). `npm run fuzz` runs alone and reports the process's peak RSS.
  expect(stats.peakHeapBytes).toBeLessThan(512 * 1024 * 1024)
}, 200_000)
