import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { run, tree } from './cli-helpers.js'

const COMPOSE = [
  'services:',
  '  db:',
  '    image: postgres:17.2',
  '    privileged: true   # for the old init script',
  '    ports:',
  '      - "5432:5432"',
  ''
].join('\n')

const DOCKERFILE = 'FROM alpine:3.20\nRUN apk add --allow-untrusted --no-cache curl \\\n && curl -fsSLk -o /tmp/x https://example.com/x\nRUN adduser -D app\n'

describe('containment fix', () => {
  it('applies the safe fixes, keeps the rest of the file as written, and says what it did', async () => {
    const root = tree({ 'compose.yaml': COMPOSE, 'app/Dockerfile': DOCKERFILE })
    const { code, stdout, stderr } = await run(['fix', '.', '--fail-on', 'high'], root)
    expect(stdout).toBe('')
    expect(readFileSync(join(root, 'compose.yaml'), 'utf8')).toBe(
      ['services:', '  db:', '    image: postgres:17.2', '    ports:', '      - "127.0.0.1:5432:5432"', '    security_opt:', '      - no-new-privileges:true', ''].join('\n')
    )
    expect(readFileSync(join(root, 'app/Dockerfile'), 'utf8')).toBe(
      'FROM alpine:3.20\nRUN apk add --no-cache curl \\\n && curl -fsSL -o /tmp/x https://example.com/x\nRUN adduser -D app\n'
    )
    expect(stderr).toContain('compose.yaml: fixed 3\n  DC001 line 4: Remove `privileged: true` (safe)\n')
    expect(stderr).toContain('app/Dockerfile: fixed 2\n')
    // The Dockerfile still runs as root: USER is a fix to review, left for --class all.
    expect(stderr).toMatch(/containment: applied 5 fixes in 2 files; \d+ findings left \(\d+ with a fix to review: --class all\)\n$/)
    expect(code).toBe(1)
  })

  it('--class all applies the review fixes too', async () => {
    const root = tree({ 'app/Dockerfile': DOCKERFILE })
    const { code } = await run(['fix', '--class', 'all', '--fail-on', 'high'], root)
    expect(readFileSync(join(root, 'app/Dockerfile'), 'utf8')).toBe(
      'FROM alpine:3.20\nRUN apk add --no-cache curl \\\n && curl -fsSL -o /tmp/x https://example.com/x\nRUN adduser -D app\nUSER app\n'
    )
    expect(code).toBe(0)
  })

  it('--dry-run prints a unified diff and writes nothing', async () => {
    const root = tree({ 'compose.yaml': COMPOSE })
    const { stdout, stderr } = await run(['fix', '--dry-run'], root)
    expect(readFileSync(join(root, 'compose.yaml'), 'utf8')).toBe(COMPOSE)
    expect(stdout).toContain('--- a/compose.yaml\n+++ b/compose.yaml\n')
    expect(stdout).toContain('-    privileged: true   # for the old init script\n')
    expect(stdout).toContain('+      - "127.0.0.1:5432:5432"\n')
    expect(stderr).toContain('compose.yaml: would fix 3')
  })

  it('keeps a byte order mark and CRLF line endings', async () => {
    const text = '\ufeffservices:\r\n  web:\r\n    image: nginx:1.27\r\n    privileged: true\r\n    security_opt: [no-new-privileges]\r\n'
    const root = tree({ 'compose.yaml': text })
    await run(['fix'], root)
    expect(readFileSync(join(root, 'compose.yaml'), 'utf8')).toBe('\ufeffservices:\r\n  web:\r\n    image: nginx:1.27\r\n    security_opt: [no-new-privileges]\r\n')
  })

  it('leaves suppressed findings alone', async () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    # containment-ignore DC001: the service manages network interfaces\n    privileged: true\n    security_opt: [no-new-privileges]\n'
    const root = tree({ 'compose.yaml': text })
    await run(['fix'], root)
    expect(readFileSync(join(root, 'compose.yaml'), 'utf8')).toBe(text)
  })

  it('rejects an unknown --class', async () => {
    const { code, stderr } = await run(['fix', '--class', 'risky'], tree({}))
    expect(code).toBe(2)
    expect(stderr).toContain('--class must be safe or all')
  })
})
