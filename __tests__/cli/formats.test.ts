import { describe, expect, it } from '@jest/globals'
import * as core from '@actions/core'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { colourEnabled } from '../../src/cli/colour.js'
import { main, type Io } from '../../src/cli/main.js'
import { terminalProgress } from '../../src/cli/progress.js'
import { parseCommands } from '../../scripts/runner-stand-in.mjs'
import { workflowCommand } from '../../src/report/workflow-commands.js'
import type { Annotation } from '../../src/report/annotations.js'

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'containment-cli-'))
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}

async function run(argv: string[], cwd: string, extra: Partial<Io> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const io: Io = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, colour: false, ...extra }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}

const SUDO = 'FROM alpine:3.20\nRUN sudo apk add curl\n'
const PRIVILEGED = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n'
const stdinOf = (text: string) => async () => Buffer.from(text)

describe('scan --format github', () => {
  it('prints the Action plan as workflow commands the runner parses back to the same annotations', async () => {
    const root = tree({ Dockerfile: SUDO })
    const { code, stdout } = await run(['scan', '--format', 'github'], root)
    const commands = parseCommands(stdout)
    const sudo = commands.find((c) => c.properties.title?.startsWith('DF002'))
    expect(sudo).toMatchObject({ command: 'error', properties: { file: 'Dockerfile', line: '2', col: '5', title: 'DF002 sudo in RUN' } })
    expect(sudo!.message).toContain('high · https://github.com/containment-action/containment/blob/main/docs/rules/DF002.md')
    // Info findings are notices below fail-on; nothing else is printed.
    expect(commands.every((c) => ['error', 'warning', 'notice'].includes(c.command))).toBe(true)
    expect(stdout.trim().split('\n')).toHaveLength(commands.length)
    expect(code).toBe(1)
  })

  it('cannot be made to print a second command by a crafted file name', async () => {
    const name = 'x,line=1::\n::error::pwned%0A.Dockerfile'
    const root = tree({})
    writeFileSync(join(root, 'evil.Dockerfile'), SUDO)
    const { stdout } = await run(['scan', '--format', 'github', '-', '--stdin-filename', name.replace(/\n/g, '')], root, { readStdin: stdinOf(SUDO) })
    for (const line of stdout.trim().split('\n')) expect(line).toMatch(/^::(error|warning|notice) /)
    expect(parseCommands(stdout).some((c) => c.properties.file === name.replace(/\n/g, ''))).toBe(true)
  })

  it('escapes exactly as @actions/core does', () => {
    const annotations: Annotation[] = [
      { level: 'error', title: 'DF002 a,b:c', message: '100% sure\r\nnext :: line', file: 'dir,x/a:b%.Dockerfile', startLine: 3, endLine: 3, startColumn: 5, endColumn: 9 },
      { level: 'warning', title: 'T', message: 'm', file: 'f', startLine: 1, endLine: 4 },
      { level: 'notice', title: 'Containment: more findings', message: '3 more' }
    ]
    const written: string[] = []
    const write = process.stdout.write
    process.stdout.write = ((chunk: string) => (written.push(chunk), true)) as typeof process.stdout.write
    try {
      for (const a of annotations) {
        const properties = a.file === undefined ? { title: a.title } : { title: a.title, file: a.file, startLine: a.startLine, endLine: a.endLine, startColumn: a.startColumn, endColumn: a.endColumn }
        ;({ error: core.error, warning: core.warning, notice: core.notice })[a.level](a.message, properties)
      }
    } finally {
      process.stdout.write = write
    }
    expect(annotations.map((a) => workflowCommand(a) + '\n')).toEqual(written)
  })
})

describe('scan --format markdown', () => {
  it('prints the job-summary report: verdict, counts, findings, files scanned, everything escaped', async () => {
    const root = tree({ 'compose.yaml': PRIVILEGED, 'a|b/Dockerfile': SUDO })
    const { code, stdout } = await run(['scan', '--format', 'markdown'], root)
    expect(stdout).toMatch(/^### ❌ Containment: \d+ findings at or above high/)
    // The exact escaping is escape.ts's to decide; what matters is the row and that `|` cannot split it.
    expect(stdout).toMatch(/\| 🔴 critical \| \[DC001\]\(https:\/\/github\.com\/containment-action\/containment\/blob\/main\/docs\/rules\/DC001\.md\) Privileged container \| compose\.yaml\\?:4 \|/)
    expect(stdout).toMatch(/a\\\|b\/Dockerfile\\?:2/)
    expect(stdout).toContain('<details><summary>2 scanned files</summary>')
    expect(code).toBe(1)
  })
})

describe('scan - (standard input)', () => {
  it('analyses stdin as a Dockerfile by default, reported as <stdin>', async () => {
    const { code, stdout } = await run(['scan', '-', '--format', 'json'], tree({}), { readStdin: stdinOf(SUDO) })
    const output = JSON.parse(stdout)
    expect(output.files).toBe(1)
    expect(output.findings.find((f: { ruleId: string }) => f.ruleId === 'DF002')).toMatchObject({ file: '<stdin>', line: 2, column: 5 })
    expect(code).toBe(1)
  })

  it('picks the analyser and the reported path from --stdin-filename, and stands in for that file on disk', async () => {
    const root = tree({ 'deploy/compose.yaml': 'services: {}\n' })
    const { stdout } = await run(['scan', '.', '-', '--stdin-filename', 'deploy/compose.yaml', '--format', 'json'], root, { readStdin: stdinOf(PRIVILEGED) })
    const output = JSON.parse(stdout)
    expect(output.files).toBe(1)
    expect(output.findings.find((f: { ruleId: string }) => f.ruleId === 'DC001')).toMatchObject({ file: 'deploy/compose.yaml', line: 4 })
  })

  it('sniffs a Compose file on stdin without a name', async () => {
    const { stdout } = await run(['scan', '-', '--format', 'json'], tree({}), { readStdin: stdinOf(PRIVILEGED) })
    expect(JSON.parse(stdout).findings.some((f: { ruleId: string }) => f.ruleId === 'DC001')).toBe(true)
  })

  it('rejects --stdin-filename without -, and - twice', async () => {
    expect((await run(['scan', '--stdin-filename', 'Dockerfile'], tree({}))).code).toBe(2)
    expect((await run(['scan', '-', '-'], tree({}))).code).toBe(2)
  })
})

describe('colour', () => {
  it('follows --color/--no-color, then FORCE_COLOR, then NO_COLOR, then the terminal', () => {
    expect(colourEnabled(undefined, {}, true)).toBe(true)
    expect(colourEnabled(undefined, {}, false)).toBe(false)
    expect(colourEnabled(undefined, { TERM: 'dumb' }, true)).toBe(false)
    expect(colourEnabled(undefined, { NO_COLOR: '1' }, true)).toBe(false)
    expect(colourEnabled(undefined, { NO_COLOR: '' }, true)).toBe(true)
    expect(colourEnabled(undefined, { FORCE_COLOR: '1' }, false)).toBe(true)
    expect(colourEnabled(undefined, { FORCE_COLOR: '0' }, true)).toBe(false)
    expect(colourEnabled(undefined, { FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(true)
    expect(colourEnabled(false, { FORCE_COLOR: '1' }, true)).toBe(false)
    expect(colourEnabled(true, { NO_COLOR: '1' }, false)).toBe(true)
  })

  it('colours text output when asked, and only the text format', async () => {
    const root = tree({ Dockerfile: SUDO })
    expect((await run(['scan', '--color'], root)).stdout).toContain('\x1b[1;31mhigh')
    expect((await run(['scan', '--no-color'], root, { colour: true })).stdout).not.toContain('\x1b[')
    expect((await run(['scan', '--color', '--format', 'json'], root)).stdout).not.toContain('\x1b[')
  })
})

describe('progress line', () => {
  it('appears on long scans only, is throttled, and is erased at the end', () => {
    let time = 0
    let written = ''
    const progress = terminalProgress((t) => (written += t), () => time)
    progress.update(1, 10)
    expect(written).toBe('')
    time = 1500
    progress.update(2, 10)
    progress.update(3, 10)
    time = 1700
    progress.update(4, 10)
    expect(written).toBe('\r\x1b[2Kcontainment: 2/10 files analysed\r\x1b[2Kcontainment: 4/10 files analysed')
    progress.end()
    expect(written.endsWith('\r\x1b[2K')).toBe(true)
  })

  it('is written to stderr, never to stdout, and not for machine formats', async () => {
    const root = tree({ Dockerfile: SUDO, 'b/Dockerfile': SUDO })
    let time = 0
    let drawn = ''
    const progress = () => terminalProgress((t) => (drawn += t), () => (time += 600))
    const text = await run(['scan'], root, { progress })
    expect(drawn).toContain('files analysed')
    expect(text.stdout).not.toContain('files analysed')
    drawn = ''
    await run(['scan', '--format', 'json'], root, { progress })
    expect(drawn).toBe('')
  })
})
