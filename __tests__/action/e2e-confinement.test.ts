import { beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { temporaryDirectory } from '../../scripts/runner-stand-in.mjs'
import { CLEAN_DOCKERFILE, commentsOf, run, startGitHub, writeFiles, type Run } from './e2e-helpers.js'

/**
 * No file outside the workspace is ever read, end to end: file names from the GitHub API (`../x`,
 * `/etc/passwd`, `a/../../x`, and Dockerfile-named ones so that they would be picked by name), the same as
 * `paths` (scanned whatever their name), and Compose references and symbolic links to /etc/passwd. A file
 * beside the workspace holds a marker; neither it nor /etc/passwd may appear in anything the run wrote.
 */

const SHA = (c: string) => c.repeat(40)
const MARKER = 'OUTSIDE-THE-WORKSPACE-7f3a9c'
const PASSWD = readFileSync('/etc/passwd', 'utf8')
  .split('\n')
  .filter((l) => l.includes(':x:'))
  .slice(0, 5)
const HOSTILE_NAMES = ['../x', '/etc/passwd', 'a/../../x', '../Dockerfile', 'a/../../Dockerfile']

const COMPOSE = [
  'services:',
  '  web:',
  '    image: nginx:1.27',
  '    env_file: env',
  '    extends:',
  '      file: /etc/passwd',
  '      service: root',
  '  api:',
  '    build:',
  '      context: ../../etc',
  '      dockerfile: passwd',
  '    extends:',
  '      file: base.yml',
  '      service: root',
  ''
].join('\n')

interface Outcome {
  result: Run
  texts: string[]
  calls: string[]
}

async function scenario(checkout: boolean): Promise<Outcome> {
  const parent = temporaryDirectory('containment-confine-e2e-')
  // Beside the workspace: what `../x` and `../Dockerfile` would reach.
  writeFileSync(join(parent, 'x'), `${MARKER}\n`)
  writeFileSync(join(parent, 'Dockerfile'), `FROM ${MARKER}\nRUN sudo ${MARKER}\n`)
  const workspace = join(parent, 'ws')
  mkdirSync(workspace)
  const absolute = join(parent, 'Dockerfile')
  const names = [...HOSTILE_NAMES, absolute, 'app/compose.yaml', 'app/Dockerfile', 'app/link/Dockerfile']
  const files = {
    'app/compose.yaml': COMPOSE,
    'app/Dockerfile': CLEAN_DOCKERFILE,
    'app/env': { symlink: '/etc/passwd' },
    'app/base.yml': { symlink: '/etc/passwd' },
    'app/link/Dockerfile': { symlink: '/etc/passwd' }
  }
  if (checkout) writeFiles(workspace, files)
  const contents = checkout
    ? {}
    : {
        [SHA('c')]: {
          ...files,
          // A hostile API that answers for names outside the repository: they must never be asked for.
          '../x': MARKER,
          '/etc/passwd': MARKER,
          'a/../../x': MARKER,
          '../Dockerfile': `FROM ${MARKER}\n`,
          'a/../../Dockerfile': `FROM ${MARKER}\n`
        }
      }
  const github = await startGitHub({ pulls: { 41: { files: names.map((filename) => ({ filename, status: 'added' })) } }, contents })
  const result = await run({
    node: process.execPath,
    github,
    pr: { number: 41, baseSha: SHA('b'), headSha: SHA('c') },
    workspace,
    inputs: { paths: [...HOSTILE_NAMES, absolute, 'app/**'].join('\n'), baseline: 'none' },
    ...(checkout ? {} : { eventName: 'pull_request_target', sha: SHA('0') })
  })
  const calls = github.calls.map((c) => `${c.method} ${decodeURIComponent(c.path)}`)
  const texts = [result.stdout, result.stderr, result.summary, result.outputText, result.sarifText ?? '', ...commentsOf(github, 41), ...github.calls.map((c) => c.rawBody ?? '')]
  await github.close()
  return { result, texts, calls }
}

describe.each([
  ['a checkout', true],
  ['the contents API (no checkout)', false]
])('nothing outside the workspace is read, through %s', (_label, checkout) => {
  let outcome: Outcome
  beforeAll(async () => {
    outcome = await scenario(checkout)
  }, 120_000)

  it('no content from outside appears in any output', () => {
    for (const text of outcome.texts) {
      expect(text).not.toContain(MARKER)
      for (const line of PASSWD) expect(text).not.toContain(line)
    }
  })

  it('file names from the API that leave the repository are never scanned, nor asked for', () => {
    const scanned = outcome.result.sarif!.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri)
    for (const uri of scanned) expect(uri.startsWith('app/')).toBe(true)
    const contentReads = outcome.calls.filter((c) => c.startsWith('GET /repos/octo/app/contents/'))
    for (const read of contentReads) expect(read).not.toMatch(/\.\.|contents\/\/|etc\/passwd|containment-confine-e2e/)
  })

  it('each reference out of the repository is reported at low on its line, and the link named like a Dockerfile too', () => {
    const results = outcome.result.sarif!.runs[0].results
    const at = (id: string) =>
      results
        .filter((r) => r.ruleId === id)
        .map((r) => `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}`)
        .sort()
    expect(at('DC021')).toEqual(['app/compose.yaml:10', 'app/compose.yaml:13', 'app/compose.yaml:4', 'app/compose.yaml:6'])
    expect(at('DF023')).toEqual(['app/link/Dockerfile:1'])
  })
})
