import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs, UsageError } from '../../src/cli/args.js'
import { DirectoryWorkspace } from '../../src/core/workspace.js'

// DirectoryWorkspace reads each directory's real path and listing once instead of a realpath per
// question: the answers must stay those of a realpath per path, links out of the root included.
describe('DirectoryWorkspace with per-directory facts', () => {
  const outside = mkdtempSync(join(tmpdir(), 'containment-outside-'))
  writeFileSync(join(outside, 'secret.txt'), 'outside\n')
  const root = mkdtempSync(join(tmpdir(), 'containment-ws-'))
  mkdirSync(join(root, 'app', 'deep'), { recursive: true })
  writeFileSync(join(root, 'app', '.dockerignore'), '.git\n')
  writeFileSync(join(root, 'app', 'deep', 'entry.sh'), '#!/bin/sh\n')
  symlinkSync(join(outside, 'secret.txt'), join(root, 'app', 'leak.txt'))
  symlinkSync(outside, join(root, 'out'))
  symlinkSync(join(root, 'app'), join(root, 'alias'))
  symlinkSync(join(root, 'app', '.dockerignore'), join(root, 'app', 'ignore-link'))
  const workspace = new DirectoryWorkspace(root)

  it('finds files and directories inside the root', () => {
    expect(workspace.exists('app/.dockerignore')).toBe(true)
    expect(workspace.exists('app/deep')).toBe(true)
    expect(workspace.exists('')).toBe(true)
    expect(workspace.read('app/deep/entry.sh')).toBe('#!/bin/sh\n')
    expect(workspace.read('./app/deep/../.dockerignore')).toBe('.git\n')
  })

  it('says no for what is missing, asked twice (the listing is cached)', () => {
    expect(workspace.exists('app/Dockerfile.dockerignore')).toBe(false)
    expect(workspace.exists('app/Dockerfile.dockerignore')).toBe(false)
    expect(workspace.exists('nowhere/.dockerignore')).toBe(false)
    expect(workspace.read('app/deep')).toBeUndefined()
  })

  it('follows links that stay inside the root, files and directories alike', () => {
    expect(workspace.read('app/ignore-link')).toBe('.git\n')
    expect(workspace.read('alias/deep/entry.sh')).toBe('#!/bin/sh\n')
  })

  it('does not follow links out of the root, nor paths that climb out', () => {
    expect(workspace.exists('app/leak.txt')).toBe(false)
    expect(workspace.read('app/leak.txt')).toBeUndefined()
    expect(workspace.exists('out')).toBe(false)
    expect(workspace.read('out/secret.txt')).toBeUndefined()
    expect(workspace.read('../' + outside.split('/').pop() + '/secret.txt')).toBeUndefined()
  })
})

describe('containment scan --workers', () => {
  it('takes a thread count from 1 to 99', () => {
    expect(parseArgs(['scan', '--workers', '2'])).toMatchObject({ kind: 'scan', workers: 2 })
    expect(parseArgs(['scan'])).not.toHaveProperty('workers')
    for (const bad of ['0', 'two', '-1', '100']) expect(() => parseArgs(['scan', '--workers', bad])).toThrow(UsageError)
  })
})
