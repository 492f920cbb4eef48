import { describe, expect, it } from '@jest/globals'
import { closeSync, ftruncateSync, openSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { defaultConfig } from '../../src/core/config.js'
import { scan } from '../../src/core/engine.js'
import { readBounded } from '../../src/core/read-file.js'
import { DirectoryWorkspace } from '../../src/core/workspace.js'
import { run, tree } from '../cli/cli-helpers.js'

/** A sparse file of `size` bytes: no disk, but fstat says its size and a read would return it all. */
function sparse(path: string, size: number): void {
  const fd = openSync(path, 'w')
  ftruncateSync(fd, size)
  closeSync(fd)
}

const SUDO = 'FROM alpine:3.20\nRUN sudo id\n'
const config = (maxFileBytes: number) => ({ ...defaultConfig(), limits: { ...defaultConfig().limits, maxFileBytes } })

describe('readBounded', () => {
  it('reads a file at the limit whole and one byte over it not at all, its size told', () => {
    const root = tree({ at: 'x'.repeat(100), over: 'x'.repeat(101) })
    expect(readBounded(join(root, 'at'), 100)).toEqual({ bytes: new Uint8Array(Buffer.from('x'.repeat(100))), size: 100 })
    expect(readBounded(join(root, 'over'), 100)).toEqual({ bytes: new Uint8Array(0), size: 101 })
  })

  it('costs a 3 GiB file an fstat, not 3 GiB of memory', () => {
    const root = tree({})
    sparse(join(root, 'Dockerfile'), 3 * 1024 ** 3)
    const before = process.memoryUsage().rss
    const started = Date.now()
    expect(readBounded(join(root, 'Dockerfile'), 1024 * 1024).size).toBe(3 * 1024 ** 3)
    expect(Date.now() - started).toBeLessThan(500)
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024)
  })

  it('refuses a final component that is a symbolic link (O_NOFOLLOW), and what is not a regular file', () => {
    const root = tree({ real: 'x' })
    symlinkSync(join(root, 'real'), join(root, 'link'))
    expect(() => readBounded(join(root, 'link'), 100)).toThrow()
    expect(() => readBounded(root, 100)).toThrow()
  })
})

describe('limits.max-file-bytes in the engine', () => {
  it.each([
    ['Dockerfile', 'DF023'],
    ['compose.yaml', 'DC021']
  ])('a scanned %s over the limit is %s with its size and the limit; one at the limit is analysed', async (path, rule) => {
    const text = path === 'Dockerfile' ? SUDO : 'services:\n  web:\n    image: a:1\n    privileged: true\n'
    const size = Buffer.byteLength(text)
    const over = await scan([{ path, content: text }], { config: config(size - 1) })
    expect(over.findings.map((f) => `${f.ruleId} ${f.line}:${f.column} ${f.severity}`)).toEqual([`${rule} 1:1 medium`])
    expect(over.findings[0].message).toContain(`the file is ${size} bytes, larger than the limit of ${size - 1} bytes (limits.max-file-bytes)`)
    const at = await scan([{ path, content: text }], { config: config(size) })
    expect(at.findings.some((f) => f.ruleId === rule)).toBe(false)
    expect(at.findings.length).toBeGreaterThan(0)
  })

  it('counts bytes, not characters (a text of multi-byte characters)', async () => {
    const text = SUDO + '# ' + 'é'.repeat(50) + '\n'
    const bytes = Buffer.byteLength(text)
    expect(bytes).toBeGreaterThan(text.length)
    const result = await scan([{ path: 'Dockerfile', content: text }], { config: config(text.length) })
    expect(result.findings.map((f) => f.ruleId)).toEqual(['DF023'])
    expect(result.findings[0].message).toContain(`${bytes} bytes`)
  })

  it('takes the size an adapter read no further than (the `size` of an input), not its empty content', async () => {
    const result = await scan([{ path: 'Dockerfile', content: new Uint8Array(0), size: 3 * 1024 ** 3 }], { config: defaultConfig() })
    expect(result.findings.map((f) => f.ruleId)).toEqual(['DF023'])
    expect(result.findings[0].message).toContain('3221225472 bytes, larger than the limit of 1048576 bytes')
  })

  it('leaves a file read around (an entrypoint script) over the limit unread, and says why', () => {
    const script = '#!/bin/sh\nexec gosu app "$@"\n' + '#'.repeat(200)
    const root = tree({ 'entrypoint.sh': script })
    const workspace = new DirectoryWorkspace(root, { maxFileBytes: 100 })
    expect(workspace.read('entrypoint.sh')).toBeUndefined()
    expect(workspace.refusal('entrypoint.sh')).toEqual({ kind: 'too-large', size: script.length, limit: 100 })
    expect(new DirectoryWorkspace(root, { maxFileBytes: script.length }).read('entrypoint.sh')).toBe(script)
  })
})

describe('limits.max-file-bytes in the CLI', () => {
  it('--max-file-bytes and the config file set it; the flag wins', async () => {
    const root = tree({ 'Dockerfile': SUDO, '.containment.yml': 'limits:\n  max-file-bytes: 10\n' })
    const fromConfig = JSON.parse((await run(['scan', '--format', 'json'], root)).stdout)
    expect(fromConfig.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['DF023'])
    expect(fromConfig.findings[0].message).toContain(`${SUDO.length} bytes, larger than the limit of 10 bytes`)
    const fromFlag = JSON.parse((await run(['scan', '--format', 'json', '--max-file-bytes', '1000'], root)).stdout)
    expect(fromFlag.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('DF002')
  })

  it('reports a 3 GiB Dockerfile without reading it', async () => {
    const root = tree({})
    sparse(join(root, 'Dockerfile'), 3 * 1024 ** 3)
    const started = Date.now()
    const { code, stdout } = await run(['scan', '--format', 'json'], root)
    expect(Date.now() - started).toBeLessThan(5000)
    const output = JSON.parse(stdout)
    expect(output.findings.map((f: { ruleId: string; line: number }) => `${f.ruleId} ${f.line}`)).toEqual(['DF023 1'])
    expect(output.findings[0].message).toContain('3221225472 bytes')
    expect(code).toBe(0)
  })

  it.each([['0'], ['-1'], ['1MiB'], ['2000000000']])('refuses --max-file-bytes %s', async (value) => {
    const { code, stderr } = await run(['scan', '--max-file-bytes', value], tree({}))
    expect(code).toBe(2)
    expect(stderr).toContain('--max-file-bytes must be a whole number from 1 to 1073741824')
  })
})

