import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ContentEntry } from '../../src/action/github.js'
import { FetchedWorkspace, baseOverlay, checkoutSource, resolveLink, type ContentSource } from '../../src/action/sources.js'
import { builtDockerfiles, composeLinks, selectTarget, selectTargets, walkCheckout } from '../../src/action/targets.js'

const text = (entry: ContentEntry) => (entry?.kind === 'file' ? Buffer.from(entry.bytes).toString('utf8') : entry?.kind)

describe('the checkout', () => {
  let root: string
  let outside: string
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'containment-checkout-'))
    outside = mkdtempSync(join(tmpdir(), 'containment-outside-'))
    writeFileSync(join(outside, 'secret'), 'host secret')
    mkdirSync(join(root, 'app'))
    writeFileSync(join(root, 'app', 'Dockerfile'), 'FROM alpine\n')
    symlinkSync(join(outside, 'secret'), join(root, 'app', 'escape'))
    symlinkSync('../../' + outside.split('/').pop() + '/secret', join(root, 'app', 'relative-escape'))
    symlinkSync('Dockerfile', join(root, 'app', 'Containerfile'))
    symlinkSync(outside, join(root, 'linked-dir'))
    mkdirSync(join(root, '.git'))
    writeFileSync(join(root, '.git', 'Dockerfile'), 'x')
    mkdirSync(join(root, 'node_modules', 'pkg'), { recursive: true })
    writeFileSync(join(root, 'node_modules', 'pkg', 'Dockerfile'), 'x')
  })
  afterAll(() => {
    rmSync(root, { recursive: true, force: true })
    rmSync(outside, { recursive: true, force: true })
  })

  it('reads files and follows links that stay inside, never one that leads out', async () => {
    const source = checkoutSource(root)
    expect(text(await source.read('app/Dockerfile'))).toBe('FROM alpine\n')
    expect(text(await source.read('app/Containerfile'))).toBe('FROM alpine\n')
    // A link out is never followed: it is told apart from a missing file, so that a reference to it is reported.
    expect(await source.read('app/escape')).toEqual({ kind: 'link-out' })
    expect(await source.read('app/relative-escape')).toEqual({ kind: 'link-out' })
    expect(await source.read('linked-dir/secret')).toEqual({ kind: 'link-out' })
    expect(await source.read('../' + outside.split('/').pop() + '/secret')).toBeUndefined()
    expect(text(await source.read('app'))).toBe('dir')
    expect(await source.read('missing')).toBeUndefined()
  })

  it('reads a file over the size limit no further: its size, no content', async () => {
    writeFileSync(join(root, 'app', 'big.Dockerfile'), 'x'.repeat(101))
    const source = checkoutSource(root, 100)
    expect(await source.read('app/big.Dockerfile')).toEqual({ kind: 'file', bytes: new Uint8Array(0), size: 101 })
    expect(text(await checkoutSource(root, 101).read('app/big.Dockerfile'))).toBe('x'.repeat(101))
    rmSync(join(root, 'app', 'big.Dockerfile'))
  })

  it('walks every file but .git, node_modules and linked directories', () => {
    expect(walkCheckout(root).paths.sort()).toEqual(['app/Containerfile', 'app/Dockerfile', 'app/escape', 'app/relative-escape', 'linked-dir'])
  })
})

describe('resolveLink', () => {
  it('resolves relative targets inside the repository only', () => {
    expect(resolveLink('a/b/link', '../c/Dockerfile')).toBe('a/c/Dockerfile')
    expect(resolveLink('a/link', '../../etc/passwd')).toBeUndefined()
    expect(resolveLink('a/link', '/etc/passwd')).toBeUndefined()
  })
})

function memorySource(files: Record<string, string>, reads: string[] = []): ContentSource {
  return {
    async read(path) {
      reads.push(path)
      return path in files ? { kind: 'file', bytes: Buffer.from(files[path]) } : undefined
    }
  }
}

describe('FetchedWorkspace', () => {
  it('fetches what a computation asks for and runs it again', async () => {
    const reads: string[] = []
    const workspace = new FetchedWorkspace(memorySource({ 'a/entrypoint.sh': 'exec gosu app "$@"', 'a/.dockerignore': '.git' }, reads))
    let runs = 0
    const result = await workspace.settle(() => {
      runs++
      return [workspace.read('a/entrypoint.sh'), workspace.exists('a/.dockerignore'), workspace.read('a/none')]
    })
    expect(result).toEqual(['exec gosu app "$@"', true, undefined])
    expect(runs).toBe(2)
    expect(reads.sort()).toEqual(['a/.dockerignore', 'a/entrypoint.sh', 'a/none'])
  })

  it('stops after a bounded number of rounds', async () => {
    const workspace = new FetchedWorkspace(memorySource({}))
    let n = 0
    await workspace.settle(() => workspace.read(`f${n++}`))
    expect(n).toBeLessThanOrEqual(6)
  })
})

describe('baseOverlay', () => {
  it('reads changed files from the base (old names for renames, nothing for added files) and the rest from the head', async () => {
    const base = memorySource({ 'old/Dockerfile': 'base old', Dockerfile: 'base root' })
    const head = memorySource({ 'new/Dockerfile': 'head new', Dockerfile: 'head root', 'same/Dockerfile': 'same' })
    const changed = new Map<string, string | null>([['new/Dockerfile', 'old/Dockerfile'], ['Dockerfile', 'Dockerfile'], ['added/Dockerfile', null]])
    const overlay = baseOverlay({ basePathOf: (p) => (changed.has(p) ? changed.get(p)! : p), changed: (p) => changed.has(p) }, base, head)
    expect(text(await overlay.read('new/Dockerfile'))).toBe('base old')
    expect(text(await overlay.read('Dockerfile'))).toBe('base root')
    expect(await overlay.read('added/Dockerfile')).toBeUndefined()
    expect(text(await overlay.read('same/Dockerfile'))).toBe('same')
  })
})

describe('selecting files', () => {
  it('takes Dockerfiles and Compose files by name, at any depth, dot directories included', () => {
    const all = ['Dockerfile', '.devcontainer/Dockerfile', 'svc/api.Dockerfile', 'Containerfile', 'compose.yaml', 'deploy/docker-compose.prod.yml', 'README.md', 'app.yml']
    expect(selectTargets(all, { paths: [], exclude: [] }).map((t) => t.path)).toEqual([
      '.devcontainer/Dockerfile',
      'Containerfile',
      'Dockerfile',
      'compose.yaml',
      'deploy/docker-compose.prod.yml',
      'svc/api.Dockerfile'
    ])
  })

  it('narrows to paths, leaves out excluded files, and takes a literal path whatever its name', () => {
    const selection = { paths: ['deploy/', 'ops/stack.yml'], exclude: ['deploy/legacy/'] }
    expect(selectTarget('deploy/compose.yaml', selection)).toEqual({ path: 'deploy/compose.yaml', explicit: false })
    expect(selectTarget('deploy/legacy/compose.yaml', selection)).toBeUndefined()
    expect(selectTarget('Dockerfile', selection)).toBeUndefined()
    expect(selectTarget('ops/stack.yml', selection)).toEqual({ path: 'ops/stack.yml', explicit: true })
    expect(selectTarget('deploy/notes.txt', selection)).toBeUndefined()
  })
})

describe('builtDockerfiles', () => {
  const compose = (yaml: string) => builtDockerfiles('deploy/compose.yaml', Buffer.from(yaml))

  it('names the Dockerfiles a Compose file builds, relative to it', () => {
    expect(compose('services:\n  a:\n    build: ../app\n  b:\n    build:\n      context: ./svc\n      dockerfile: docker/Dockerfile.prod\n  c:\n    build: .\n')).toEqual([
      'app/Dockerfile',
      'deploy/svc/docker/Dockerfile.prod',
      'deploy/Dockerfile'
    ])
  })

  it('leaves out remote contexts, inline Dockerfiles, unknown variables and paths outside the repository', () => {
    const yaml = [
      'services:',
      '  a: { build: "https://github.com/o/r.git#main" }',
      '  b: { build: { context: ., dockerfile_inline: "FROM alpine" } }',
      '  c: { build: "${CONTEXT}" }',
      '  d: { build: ../../.. }',
      '  e: { image: nginx }'
    ].join('\n')
    expect(compose(yaml)).toEqual([])
    expect(compose('not: [valid')).toEqual([])
  })
})

describe('composeLinks', () => {
  const links = (yaml: string) => composeLinks('deploy/compose.yaml', Buffer.from(yaml))

  it('names the files a Compose file pulls in with include (short and long syntax) and extends, relative to it', () => {
    const yaml = [
      'include:',
      '  - db/compose.yaml',
      '  - path: ../shared/cache.yml',
      'services:',
      '  web:',
      '    build: ./web',
      '    extends:',
      '      file: common/services.yml',
      '      service: web',
      '  api:',
      '    extends: web'
    ].join('\n')
    expect(links(yaml)).toEqual({ builds: ['deploy/web/Dockerfile'], pulls: ['deploy/db/compose.yaml', 'shared/cache.yml', 'deploy/common/services.yml'] })
  })

  it('leaves out unknown variables and paths outside the repository', () => {
    const yaml = 'include:\n  - ${STACK}/compose.yaml\n  - ../../../etc/compose.yaml\nservices:\n  a:\n    extends: { file: "${BASE}.yml", service: a }\n'
    expect(links(yaml)).toEqual({ builds: [], pulls: [] })
    expect(links('not: [valid')).toEqual({ builds: [], pulls: [] })
  })
})
