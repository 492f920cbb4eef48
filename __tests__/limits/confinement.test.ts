import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main, type Io } from '../../src/cli/main.js'
import { resolveReference } from '../../src/core/workspace.js'

/**
 * No file outside the workspace is ever read: every path a file names goes through resolveReference, and
 * the workspace refuses symbolic links that lead out. Each case points at /etc/passwd and checks that
 * none of its content appears in any output, and that the reference is reported on its line.
 */

const PASSWD = readFileSync('/etc/passwd', 'utf8')
/** Pieces of /etc/passwd that no report would print otherwise. */
const MARKERS = PASSWD.split('\n').filter((l) => l.includes(':x:')).slice(0, 5)

type Files = Record<string, string | { symlink: string }>

function tree(files: Files): string {
  const root = mkdtempSync(join(tmpdir(), 'containment-confine-'))
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    if (typeof content === 'string') writeFileSync(join(root, path), content)
    else symlinkSync(content.symlink, join(root, path))
  }
  return root
}

interface Finding {
  ruleId: string
  severity: string
  file: string
  line: number
  message: string
}

async function run(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const io: Io = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, colour: false }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}

/** Scans in every format; asserts that /etc/passwd shows nowhere; returns the JSON findings. */
async function scanAll(root: string): Promise<Finding[]> {
  for (const format of ['text', 'json', 'sarif', 'markdown', 'github']) {
    const { stdout, stderr } = await run(['scan', '.', '--format', format, '--all'], root)
    for (const marker of MARKERS) {
      expect(stdout).not.toContain(marker)
      expect(stderr).not.toContain(marker)
    }
  }
  return JSON.parse((await run(['scan', '.', '--format', 'json'], root)).stdout).findings
}

const outsideOf = (findings: Finding[]) =>
  findings.filter((f) => /outside the repository|climbs out of the repository/.test(f.message)).map((f) => `${f.ruleId} ${f.severity} ${f.file}:${f.line}`)

const SERVICE = (lines: string) => `services:\n  web:\n    image: nginx:1.27\n${lines}`

describe('resolveReference', () => {
  it.each([
    ['a', 'b.yml', { ok: true, path: 'a/b.yml' }],
    ['a', '../b.yml', { ok: true, path: 'b.yml' }],
    ['a', './c/../b.yml', { ok: true, path: 'a/b.yml' }],
    ['', '.', { ok: true, path: '' }],
    ['a', '../../etc/passwd', { ok: false, refusal: { kind: 'climbs-out' } }],
    ['', 'a/../../x', { ok: false, refusal: { kind: 'climbs-out' } }],
    ['', '../x', { ok: false, refusal: { kind: 'climbs-out' } }],
    ['a', '/etc/passwd', { ok: false, refusal: { kind: 'absolute' } }],
    ['a', '\\\\server\\share', { ok: false, refusal: { kind: 'absolute' } }],
    ['a', 'C:\\Windows\\win.ini', { ok: false, refusal: { kind: 'absolute' } }],
    ['a', '~/.env', { ok: false, refusal: { kind: 'absolute' } }],
    ['a', 'x\0y', { ok: false, refusal: { kind: 'climbs-out' } }]
  ])('from %j, %j', (directory, written, expected) => {
    expect(resolveReference(directory, written)).toEqual(expected)
  })
})

describe('Compose references outside the repository are reported at low on their line, never read', () => {
  it.each([
    ['extends.file', '../../etc/passwd', (p: string) => SERVICE(`    extends:\n      file: ${p}\n      service: root\n`), 5],
    ['extends.file', '/etc/passwd', (p: string) => SERVICE(`    extends:\n      file: ${p}\n      service: root\n`), 5],
    ['include', '../../etc/passwd', (p: string) => `include:\n  - ${p}\n` + SERVICE(''), 2],
    ['include', '/etc/passwd', (p: string) => `include:\n  - path: ${p}\n` + SERVICE(''), 2],
    ['env_file', '../../etc/passwd', (p: string) => SERVICE(`    env_file: ${p}\n`), 4],
    ['env_file', '/etc/passwd', (p: string) => SERVICE(`    env_file:\n      - path: ${p}\n        required: false\n`), 5],
    ['build.context', '../../etc', (p: string) => SERVICE(`    build:\n      context: ${p}\n      dockerfile: passwd\n`), 5],
    ['build.context', '/etc', (p: string) => SERVICE(`    build: ${p}\n`), 4],
    ['build.dockerfile', '../../etc/passwd', (p: string) => SERVICE(`    build:\n      context: .\n      dockerfile: ${p}\n`), 6],
    ['build.dockerfile', '/etc/passwd', (p: string) => SERVICE(`    build:\n      context: app\n      dockerfile: ${p}\n`), 6]
  ])('%s: %s', async (key, path, compose, line) => {
    const root = tree({ 'stack/compose.yaml': compose(path), 'stack/app/Dockerfile': 'FROM alpine:3.20\nUSER 1000\n' })
    const findings = await scanAll(root)
    expect(outsideOf(findings)).toEqual([`DC021 low stack/compose.yaml:${line}`])
    const finding = findings.find((f) => f.ruleId === 'DC021')!
    expect(finding.message.startsWith(`${key} "${path}" `)).toBe(true)
    expect(finding.message).toContain('Containment never reads outside the repository')
  })
})

describe('symbolic links to /etc/passwd are refused, never followed', () => {
  it('a Dockerfile that is a link to /etc/passwd: reported at low, not read', async () => {
    const root = tree({ 'app/Dockerfile': { symlink: '/etc/passwd' }, 'ok/Dockerfile': 'FROM alpine:3.20\nRUN sudo id\n' })
    const findings = await scanAll(root)
    expect(findings.filter((f) => f.file === 'app/Dockerfile').map((f) => `${f.ruleId} ${f.severity} ${f.line}`)).toEqual(['DF023 low 1'])
    expect(findings.find((f) => f.file === 'app/Dockerfile')!.message).toContain('is a symbolic link that leads outside the repository')
    expect(findings.some((f) => f.file === 'ok/Dockerfile' && f.ruleId === 'DF002')).toBe(true)
  })

  it('a link to /etc/passwd named on the command line is refused (exit 2)', async () => {
    const root = tree({ 'Dockerfile': { symlink: '/etc/passwd' } })
    const { code, stdout, stderr } = await run(['scan', 'Dockerfile', '--format', 'json'], root)
    expect(code).toBe(2)
    expect(stderr).toContain('"Dockerfile" is a symbolic link that leads outside')
    for (const marker of MARKERS) expect(stdout + stderr).not.toContain(marker)
  })

  it.each([
    ['an env_file', { 'stack/env': { symlink: '/etc/passwd' } }, SERVICE('    env_file: env\n'), 4, 'env_file "env"'],
    ['an extends target', { 'stack/base.yml': { symlink: '/etc/passwd' } }, SERVICE('    extends:\n      file: base.yml\n      service: root\n'), 5, 'extends.file "base.yml"'],
    ['an include', { 'stack/common.yml': { symlink: '/etc/passwd' } }, 'include:\n  - common.yml\n' + SERVICE(''), 2, 'include "common.yml"'],
    ['a directory on the way', { 'stack/etc': { symlink: '/etc' } }, SERVICE('    extends:\n      file: etc/passwd\n      service: root\n'), 5, 'extends.file "etc/passwd"'],
    ['a built Dockerfile', { 'stack/Dockerfile.link': { symlink: '/etc/passwd' } }, SERVICE('    build:\n      context: .\n      dockerfile: Dockerfile.link\n'), 6, 'build.dockerfile "Dockerfile.link"']
  ])('%s that is a link to /etc/passwd (or under one): reported at low on its line, not read', async (_name, links, compose, line, start) => {
    const root = tree({ ...(links as Files), 'stack/compose.yaml': compose })
    const findings = await scanAll(root)
    // A link whose own name is a Dockerfile's is reported as a scanned file too.
    const itself = Object.keys(links).filter((p) => p.includes('Dockerfile')).map((p) => `DF023 low ${p}:1`)
    expect(outsideOf(findings)).toEqual([...itself, `DC021 low stack/compose.yaml:${line}`])
    const finding = findings.find((f) => f.ruleId === 'DC021')!
    expect(finding.message).toBe(
      `${start} is a symbolic link (or under one) that leads outside the repository: Containment never reads outside the repository, so what it brings in is not checked. Keep the files a Compose project reads inside the repository, or review that file on its own.`
    )
  })

  it('a link that stays inside is followed as before: no finding about it', async () => {
    const root = tree({ 'stack/real.yml': 'services:\n  root:\n    user: "1000"\n', 'stack/base.yml': { symlink: 'real.yml' }, 'stack/compose.yaml': SERVICE('    extends:\n      file: base.yml\n      service: root\n') })
    expect(outsideOf(await scanAll(root))).toEqual([])
  })
})

describe('the config file', () => {
  it.each([
    ['a link out', { '.containment.yml': { symlink: '/etc/passwd' } }, 'is a symbolic link (or under one) that leads outside the repository, so it was not read'],
    ['over the size limit', { '.containment.yml': '# ' + 'x'.repeat(1024 * 1024) + '\n' }, 'is 1048579 bytes, larger than the limit of 1048576 bytes (limits.max-file-bytes), so it was not read']
  ])('that is %s stops the run (exit 2), never the defaults in silence', async (_name, files, message) => {
    const root = tree({ ...(files as Files), Dockerfile: 'FROM alpine:3.20\n' })
    const { code, stdout, stderr } = await run(['scan', '--format', 'json'], root)
    expect(code).toBe(2)
    expect(stderr).toContain(`.containment.yml: ${message}.`)
    for (const marker of MARKERS) expect(stdout + stderr).not.toContain(marker)
  })
})

describe("other tools' files", () => {
  it('a .trivyignore that links out is not read: a warning says so', async () => {
    const root = tree({ '.trivyignore': { symlink: '/etc/passwd' }, Dockerfile: 'FROM alpine:3.20\n' })
    const { code, stderr } = await run(['scan', '--format', 'json', '--fail-on', 'never'], root)
    expect(code).toBe(0)
    expect(stderr).toContain('containment: warning: .trivyignore is a symbolic link (or under one) that leads outside the repository: it was not read')
  })
})
