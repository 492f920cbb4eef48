import { describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { REPOSITORY_URL, VERSION } from '../src/version.js'

/**
 * The npm package is the CLI: what `npm pack` puts in it, that it works installed with nothing but Node
 * (no dependency to fetch: dist/cli.js carries its code), and that package.json tells the truth about
 * where it lives and which Node it needs.
 */

const root = join(import.meta.dirname ?? '.', '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_loglevel: 'error' } })

describe('package.json', () => {
  it('names one public home, the one every link is built from', () => {
    expect(pkg.repository.url).toBe(`git+${REPOSITORY_URL}.git`)
    expect(pkg.homepage).toBe(`${REPOSITORY_URL}#readme`)
    expect(pkg.bugs.url).toBe(`${REPOSITORY_URL}/issues`)
    expect(pkg.version).toBe(VERSION)
  })

  it('has no runtime dependency: both bundles are self-contained', () => {
    expect(pkg.dependencies).toBeUndefined()
  })
})

describe('engines', () => {
  // The packages the code of an entry point imports, with everything they depend on.
  const closure = (entry: string): Map<string, string | undefined> => {
    const packages = new Map<string, string | undefined>()
    const seen = new Set<string>()
    const pending = [join(root, entry)]
    const bare: string[] = []
    while (pending.length > 0) {
      const file = pending.pop()!
      if (seen.has(file)) continue
      seen.add(file)
      const text = readFileSync(file, 'utf8')
      for (const [, spec] of text.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)) {
        if (spec.startsWith('node:')) continue
        if (spec.startsWith('.')) {
          const base = join(dirname(file), spec)
          const candidates = [base.replace(/\.js$/, '.ts'), base, base.replace(/\.cjs$/, '.cts')]
          const found = candidates.find((c) => existsSync(c) && !c.endsWith('.json'))
          if (found) pending.push(found)
        } else bare.push(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0])
      }
    }
    while (bare.length > 0) {
      const name = bare.pop()!
      if (packages.has(name)) continue
      const manifest = join(root, 'node_modules', name, 'package.json')
      if (!existsSync(manifest)) continue
      const info = JSON.parse(readFileSync(manifest, 'utf8'))
      packages.set(name, info.engines?.node)
      bare.push(...Object.keys(info.dependencies ?? {}))
    }
    return packages
  }

  /** True when some alternative of a range (*, >=X, ^X, X.y, X || Y) admits Node `major`. */
  const admits = (range: string, major: number) =>
    range.split('||').some((alternative) => {
      if (alternative.trim() === '*') return true
      const m = /^\s*(>=|\^|~)?\s*v?(\d+)/.exec(alternative)
      if (!m) return false
      const low = Number(m[2])
      return m[1] === '>=' ? low <= major : low === major
    })

  it('the CLI and what it bundles run on the Node package.json names', () => {
    const minimum = Number(/^>=(\d+)$/.exec(pkg.engines.node)![1])
    const cli = closure('src/cli.ts')
    expect([...cli.keys()]).toEqual(expect.arrayContaining(['dockerfile-ast', 'web-tree-sitter', 'js-yaml', 'ajv', 'picomatch']))
    expect([...cli.keys()].filter((name) => name.startsWith('@actions/') || name.startsWith('@octokit/'))).toEqual([])
    const refusing = [...cli].filter(([, range]) => range !== undefined && !admits(range, minimum))
    expect(refusing).toEqual([])
  })

  it('the Action and what it bundles run on node24 (content-type needs >= 22: fine there)', () => {
    const action = closure('src/index.ts')
    expect(action.get('content-type')).toBe('>=22')
    expect([...action].filter(([, range]) => range !== undefined && !admits(range, 24))).toEqual([])
    expect(readFileSync(join(root, 'action.yml'), 'utf8')).toMatch(/using: node24/)
  })
})

describe('npm pack', () => {
  it('packs the CLI bundle, its WebAssembly, licences and docs, and nothing else', () => {
    const [packed] = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts'], root))
    const files = packed.files.map((f: { path: string }) => f.path).sort()
    expect(files).toEqual(
      ['LICENSE', 'README.md', 'containment.schema.json', 'dist/cli-licenses.txt', 'dist/cli-main.js', 'dist/cli.js', 'dist/package.json', 'dist/tree-sitter-bash.wasm', 'dist/web-tree-sitter.cjs', 'dist/web-tree-sitter.wasm', 'package.json'].sort()
    )
    expect(packed.size).toBeLessThan(1024 * 1024)
  })

  it('installs from the tarball with only Node and npm, offline, and `containment scan .` works', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'containment-pack-'))
    const tarball = npm(['pack', '--ignore-scripts', '--pack-destination', scratch, '--silent'], root).trim().split('\n').pop()!
    const app = join(scratch, 'app')
    execFileSync('mkdir', [app])
    writeFileSync(join(app, 'package.json'), '{"name": "app", "private": true}\n')
    npm(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', join(scratch, tarball)], app)
    // Line 3 is longer than the parser takes in-process: it is parsed first in a thread of its own, which
    // must find the parser's runtime in the installed package.
    writeFileSync(join(app, 'Dockerfile'), `FROM alpine:3.20\nRUN sudo ls\nRUN ${'echo installing && '.repeat(300)}sudo ls\n`)
    const bin = join(app, 'node_modules', '.bin', 'containment')
    const scan = spawnSync(bin, ['scan', '.', '--format', 'json'], { cwd: app, encoding: 'utf8' })
    expect(scan.stderr).toBe('')
    expect(scan.status).toBe(1)
    const report = JSON.parse(scan.stdout)
    expect(report.files).toBe(1)
    expect(report.findings.find((f: { ruleId: string }) => f.ruleId === 'DF002')).toMatchObject({ file: 'Dockerfile', line: 2, column: 5 })
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId === 'DF002').map((f: { line: number }) => f.line)).toEqual([2, 3])
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId === 'DF023')).toEqual([])
    expect(spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim()).toBe(VERSION)
  }, 60_000)
})
