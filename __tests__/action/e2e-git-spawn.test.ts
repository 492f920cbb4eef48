import { describe, expect, it } from '@jest/globals'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { temporaryDirectory } from '../../scripts/runner-stand-in.mjs'
import { CLEAN_DOCKERFILE, gitRepository, run, startGitHub, SUDO_DOCKERFILE, workspaceWith } from './e2e-helpers.js'

/*
 * The Action asks git for the checkout's commit only where a checkout is: a workspace without `.git` at its
 * root starts no git process. A `git` first on PATH records
 * each start and hands over to the real one.
 */
function recordingGit(): { dir: string; marker: string } {
  const dir = temporaryDirectory('containment-git-')
  const marker = join(dir, 'started')
  const realGit = ['/usr/bin/git', '/usr/local/bin/git', '/bin/git'].find((p) => existsSync(p)) ?? 'git'
  mkdirSync(join(dir, 'bin'))
  writeFileSync(join(dir, 'bin', 'git'), `#!/bin/sh\necho "$@" >> '${marker}'\nexec '${realGit}' "$@"\n`)
  chmodSync(join(dir, 'bin', 'git'), 0o755)
  return { dir: join(dir, 'bin'), marker }
}

describe('git is started only where a checkout is', () => {
  it('a pull request in a workspace without .git is scanned and starts no git process', async () => {
    const { dir, marker } = recordingGit()
    const BASE = 'b'.repeat(40)
    const HEAD = 'c'.repeat(40)
    const github = await startGitHub({ pulls: { 9: { files: [{ filename: 'Dockerfile', status: 'added' }] } } })
    // The pull request's files without .git (a download, an export): read from the workspace, no git asked.
    const workspace = workspaceWith({ Dockerfile: SUDO_DOCKERFILE })
    const result = await run({ node: process.execPath, github, workspace, pr: { number: 9, baseSha: BASE, headSha: HEAD }, env: { PATH: `${dir}:${process.env.PATH}` } })
    await github.close()
    expect(result.errors.map((e) => `${e.properties.file}:${e.properties.line}`)).toContain('Dockerfile:3')
    expect(existsSync(marker) ? readFileSync(marker, 'utf8') : '').toBe('')
  })

  it('in a checkout, git is asked (the check above can see a start)', async () => {
    const { dir, marker } = recordingGit()
    const repo = gitRepository({ Dockerfile: CLEAN_DOCKERFILE }, { Dockerfile: SUDO_DOCKERFILE })
    const github = await startGitHub({ pulls: { 9: { files: [{ filename: 'Dockerfile', status: 'modified' }] } } })
    const result = await run({ node: process.execPath, github, workspace: repo.root, pr: { number: 9, baseSha: repo.baseSha, headSha: repo.headSha }, env: { PATH: `${dir}:${process.env.PATH}` } })
    await github.close()
    expect(result.errors.map((e) => `${e.properties.file}:${e.properties.line}`)).toContain('Dockerfile:3')
    expect(readFileSync(marker, 'utf8')).toContain('rev-parse --verify --quiet HEAD^{commit}')
  })
})
