import { beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { defaultConfig } from '../../src/core/config.js'
import { decodeFile } from '../../src/core/decode.js'
import { discoverFiles } from '../../src/core/discover.js'
import { fixFile } from '../../src/core/fixer.js'
import { DirectoryWorkspace } from '../../src/core/workspace.js'
import { prepareEngine } from '../helpers.js'

/**
 * Every fix, applied to every real file of ../shared/corpus/real (well-kept public repositories): the fixed
 * file must still parse (no new DF023/DC021) and hold no finding the original did not have.
 */
const corpus = join(import.meta.dirname ?? '.', '..', '..', '..', 'shared', 'corpus', 'real')

beforeAll(prepareEngine)

describe('fixes on real files', () => {
  if (!existsSync(corpus)) {
    it.skip('../shared/corpus/real is not beside the checkout', () => {})
    return
  }
  it('leave every file valid and add no finding', () => {
    const config = defaultConfig()
    const workspace = new DirectoryWorkspace(corpus)
    let applied = 0
    const problems: string[] = []
    for (const file of discoverFiles(corpus, [corpus])) {
      const decoded = decodeFile(readFileSync(file.absolute))
      if (!decoded.ok) continue
      const result = fixFile(file.path, decoded.text, { config, workspace, level: 'all' })
      applied += result.applied.length
      const original = result.original
      const key = (f: { ruleId: string; message: string }) => `${f.ruleId} ${f.message.replace(/\d+/g, '#')}`
      const allowed = new Map<string, number>()
      for (const f of original) allowed.set(key(f), (allowed.get(key(f)) ?? 0) + 1)
      for (const f of result.remaining) {
        const left = allowed.get(key(f)) ?? 0
        if (left === 0) problems.push(`${file.path}: ${key(f)}`)
        allowed.set(key(f), left - 1)
      }
    }
    expect(problems).toEqual([])
    expect(applied).toBeGreaterThan(100)
  }, 120_000)
})
