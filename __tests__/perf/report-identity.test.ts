import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateTree, IDENTITY_TREE } from '../../scripts/bench-tree.mjs'
import { main, type Io } from '../../src/cli/main.js'

// The performance work must not change a single finding nor their order. The fixture is the JSON report
// of the generated identity tree printed by the code before that work (commit e7c4759; main's bundle at
// a8bd138 prints the same bytes); every path of the scan (one thread here, the worker
// pool through the bundle) must print it byte for byte.
const FIXTURE = join(process.cwd(), '__tests__', 'fixtures', 'perf', 'identity-tree.report.json')

const treeDir = mkdtempSync(join(tmpdir(), 'containment-identity-'))
const manifest = generateTree(treeDir, IDENTITY_TREE)
afterAll(() => rmSync(treeDir, { recursive: true, force: true }))

/** The first line where the two texts differ, with its number; undefined when they are identical. */
function firstDifference(actual: string, expected: string): string | undefined {
  if (actual === expected) return undefined
  const a = actual.split('\n')
  const e = expected.split('\n')
  const at = a.findIndex((line, i) => line !== e[i])
  const line = at < 0 ? a.length : at
  return `line ${line + 1}: got ${JSON.stringify(a[line])}, expected ${JSON.stringify(e[line])}`
}

async function scanInProcess(argv: string[]): Promise<string> {
  let stdout = ''
  const io: Io = { stdout: (t) => (stdout += t), stderr: () => undefined, cwd: treeDir, colour: false }
  await main(argv, io)
  return stdout
}

describe('the JSON report of the generated identity tree', () => {
  it('is generated the same on every run (the fixture depends on it)', () => {
    expect(manifest.dockerfiles).toHaveLength(IDENTITY_TREE.dockerfiles)
    expect(manifest.composeFiles).toHaveLength(IDENTITY_TREE.composeFiles)
    const again = mkdtempSync(join(tmpdir(), 'containment-identity-'))
    try {
      const second = generateTree(again, IDENTITY_TREE)
      expect(second.dockerfiles).toEqual(manifest.dockerfiles)
      expect(readFileSync(join(again, second.composeFiles[7]), 'utf8')).toBe(readFileSync(join(treeDir, manifest.composeFiles[7]), 'utf8'))
    } finally {
      rmSync(again, { recursive: true, force: true })
    }
  })

  it.each([['one thread', '1'], ['a worker pool of two', '2'], ['a worker pool of three', '3']])(
    'is byte-identical to the report before the performance work, through the bundle on %s',
    (_, workers) => {
      const report = execFileSync(process.execPath, [join(process.cwd(), 'dist', 'cli.js'), 'scan', '.', '--format', 'json', '--fail-on', 'never', '--workers', workers], {
        cwd: treeDir,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'pipe']
      }).toString()
      expect(firstDifference(report, readFileSync(FIXTURE, 'utf8'))).toBeUndefined()
    }
  )

  it('is byte-identical to the report before the performance work, in one thread', async () => {
    const report = await scanInProcess(['scan', '.', '--format', 'json'])
    expect(JSON.parse(report).files).toBe(IDENTITY_TREE.dockerfiles + IDENTITY_TREE.composeFiles)
    expect(firstDifference(report, readFileSync(FIXTURE, 'utf8'))).toBeUndefined()
  })
})
