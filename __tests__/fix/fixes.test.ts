import { beforeAll, describe, expect, it } from '@jest/globals'
import { defaultConfig } from '../../src/core/config.js'
import { scanPrepared } from '../../src/core/engine.js'
import type { Finding } from '../../src/core/finding.js'
import { applyEdits, lineReplacement } from '../../src/core/fix.js'
import { MemoryWorkspace } from '../../src/core/workspace.js'
import { lines, prepareEngine } from '../helpers.js'

beforeAll(prepareEngine)

function scanWithFixes(path: string, text: string): Finding[] {
  const workspace = new MemoryWorkspace({ [path]: text })
  return scanPrepared([{ path, content: text }], { workspace, config: defaultConfig(), fixes: true }).findings
}

/** The file after the fix of the first finding of `ruleId`, checked to leave no finding of it and nothing new. */
function fixed(ruleId: string, path: string, text: string): { after: string; finding: Finding } {
  const before = scanWithFixes(path, text)
  const finding = before.find((f) => f.ruleId === ruleId && f.fix)
  if (!finding) throw new Error(`no fix for ${ruleId}: ${JSON.stringify(before.filter((f) => f.ruleId === ruleId))}`)
  const after = applyEdits(text, finding.fix!.edits)!
  const again = scanWithFixes(path, after)
  const key = (f: Finding) => `${f.ruleId} ${f.message.replace(/\d+/g, '#')}`
  const remaining = before.map(key)
  remaining.splice(remaining.indexOf(key(finding)), 1)
  for (const f of again) {
    const at = remaining.indexOf(key(f))
    expect(at).toBeGreaterThanOrEqual(0)
    remaining.splice(at, 1)
  }
  return { after, finding }
}

const composeFix = (ruleId: string, text: string) => fixed(ruleId, 'compose.yaml', text)
const dockerfileFix = (ruleId: string, text: string) => fixed(ruleId, 'Dockerfile', text)

describe('Compose fixes', () => {
  it('DC001 removes privileged: true (safe), keeping comments and the rest', () => {
    const { after, finding } = composeFix('DC001', lines`
      services:
        web:
          image: nginx:1.27  # pinned
          privileged: true
          read_only: true
    `)
    expect(finding.fix!.safety).toBe('safe')
    expect(after).toBe(lines`
      services:
        web:
          image: nginx:1.27  # pinned
          read_only: true
    `)
  })

  it('DC001 keeps CRLF line endings', () => {
    const text = 'services:\r\n  web:\r\n    image: nginx:1.27\r\n    privileged: "true"\r\n'
    expect(composeFix('DC001', text).after).toBe('services:\r\n  web:\r\n    image: nginx:1.27\r\n')
  })

  it('DC001 in a flow mapping sets false instead of editing the braces', () => {
    const { after } = composeFix('DC001', 'services:\n  web: {image: "nginx:1.27", privileged: true}\n')
    expect(after).toBe('services:\n  web: {image: "nginx:1.27", privileged: false}\n')
  })

  it('DC001 offers nothing for a value merged from an anchor', () => {
    const text = lines`
      x-base: &base
        privileged: true
      services:
        web:
          <<: *base
          image: nginx:1.27
    `
    const dc001 = scanWithFixes('compose.yaml', text).filter((f) => f.ruleId === 'DC001')
    expect(dc001).toHaveLength(1)
    expect(dc001[0].fix).toBeUndefined()
  })

  it('DC007 removes the item, or the whole setting when it is the only item', () => {
    expect(composeFix('DC007', lines`
      services:
        web:
          image: nginx:1.27
          security_opt:
            - no-new-privileges:true
            - seccomp:unconfined
    `).after).toBe(lines`
      services:
        web:
          image: nginx:1.27
          security_opt:
            - no-new-privileges:true
    `)
    expect(composeFix('DC007', lines`
      services:
        web:
          image: nginx:1.27
          security_opt:
            - apparmor=unconfined
          user: "1000"
    `).after).toBe(lines`
      services:
        web:
          image: nginx:1.27
          user: "1000"
    `)
    expect(composeFix('DC007', 'services:\n  web:\n    image: nginx:1.27\n    security_opt: [no-new-privileges, seccomp:unconfined]\n').after).toBe(
      'services:\n  web:\n    image: nginx:1.27\n    security_opt: [no-new-privileges]\n'
    )
  })

  it('DC008 adds no-new-privileges to an existing list in its style, or a new list in the file\'s indentation', () => {
    expect(composeFix('DC008', lines`
      services:
        web:
          image: nginx:1.27
          security_opt:
            - label:type:container_t
    `).after).toBe(lines`
      services:
        web:
          image: nginx:1.27
          security_opt:
            - label:type:container_t
            - no-new-privileges:true
    `)
    expect(composeFix('DC008', lines`
      services:
          db:
              image: postgres:17
              environment:
                  POSTGRES_DB: app
      volumes:
          data:
    `).after).toBe(lines`
      services:
          db:
              image: postgres:17
              environment:
                  POSTGRES_DB: app
              security_opt:
                  - no-new-privileges:true
      volumes:
          data:
    `)
    expect(composeFix('DC008', 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["no-new-privileges:false"]\n').after).toBe(
      'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["no-new-privileges:true"]\n'
    )
  })

  it('DC012 binds a database port to loopback (safe), whatever the quoting', () => {
    expect(composeFix('DC012', 'services:\n  db:\n    image: postgres:17\n    ports:\n      - "5432:5432"\n').after).toBe(
      'services:\n  db:\n    image: postgres:17\n    ports:\n      - "127.0.0.1:5432:5432"\n'
    )
    expect(composeFix('DC012', 'services:\n  db:\n    image: redis:7\n    ports:\n      - 0.0.0.0:6379:6379\n').after).toBe(
      'services:\n  db:\n    image: redis:7\n    ports:\n      - 127.0.0.1:6379:6379\n'
    )
    expect(composeFix('DC012', "services:\n  db:\n    image: mysql:8\n    ports: ['3306']\n").after).toBe(
      "services:\n  db:\n    image: mysql:8\n    ports: ['127.0.0.1::3306']\n"
    )
  })

  it('DC012 offers no fix for an ordinary web port', () => {
    const dc012 = scanWithFixes('compose.yaml', 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n').filter((f) => f.ruleId === 'DC012')
    expect(dc012).toHaveLength(1)
    expect(dc012[0].fix).toBeUndefined()
  })

  it('DC005 and DC013 are review fixes', () => {
    const dc005 = composeFix('DC005', 'services:\n  web:\n    image: nginx:1.27\n')
    expect(dc005.finding.fix!.safety).toBe('review')
    expect(dc005.after).toBe('services:\n  web:\n    image: nginx:1.27\n    cap_drop:\n      - ALL\n')
    const dc013 = composeFix('DC013', 'services:\n  web:\n    image: nginx:1.27\n    read_only: false\n')
    expect(dc013.finding.fix!.safety).toBe('review')
    expect(dc013.after).toBe('services:\n  web:\n    image: nginx:1.27\n    read_only: true\n')
  })
})

describe('Dockerfile fixes', () => {
  it('DF004 removes -k and --insecure, a letter of a cluster, and a line of its own', () => {
    expect(dockerfileFix('DF004', 'FROM alpine:3.20\nRUN curl -k -o /tmp/x https://example.com/x\n').after).toBe(
      'FROM alpine:3.20\nRUN curl -o /tmp/x https://example.com/x\n'
    )
    expect(dockerfileFix('DF004', 'FROM alpine:3.20\nRUN curl -fsSLk -o /tmp/x https://example.com/x\n').after).toBe(
      'FROM alpine:3.20\nRUN curl -fsSL -o /tmp/x https://example.com/x\n'
    )
    expect(dockerfileFix('DF004', 'FROM alpine:3.20\nRUN curl \\\n      --insecure \\\n      -o /tmp/x https://example.com/x\n').after).toBe(
      'FROM alpine:3.20\nRUN curl \\\n      -o /tmp/x https://example.com/x\n'
    )
  })

  it('DF004 removes wget --no-check-certificate, git -c http.sslVerify=false and ENV GIT_SSL_NO_VERIFY', () => {
    expect(dockerfileFix('DF004', 'FROM alpine:3.20\nRUN wget --no-check-certificate https://example.com/x\n').after).toBe(
      'FROM alpine:3.20\nRUN wget https://example.com/x\n'
    )
    expect(dockerfileFix('DF004', 'FROM alpine:3.20\nRUN git -c http.sslVerify=false clone https://example.com/r.git\n').after).toBe(
      'FROM alpine:3.20\nRUN git clone https://example.com/r.git\n'
    )
    expect(dockerfileFix('DF004', 'FROM alpine:3.20\nENV GIT_SSL_NO_VERIFY=1\nRUN git clone https://example.com/r.git\n').after).toBe(
      'FROM alpine:3.20\nRUN git clone https://example.com/r.git\n'
    )
    expect(dockerfileFix('DF004', 'FROM alpine:3.20\nENV A=1 NODE_TLS_REJECT_UNAUTHORIZED=0\n').after).toBe('FROM alpine:3.20\nENV A=1\n')
  })

  it('DF004 offers no fix in exec form, where removing a word needs its comma', () => {
    const df004 = scanWithFixes('Dockerfile', 'FROM alpine:3.20\nRUN ["curl", "-k", "https://example.com/x"]\n').filter((f) => f.ruleId === 'DF004')
    expect(df004).toHaveLength(1)
    expect(df004[0].fix).toBeUndefined()
  })

  it('DF005 removes --allow-untrusted and --nogpgcheck', () => {
    expect(dockerfileFix('DF005', 'FROM alpine:3.20\nRUN apk add --allow-untrusted --no-cache curl\n').after).toBe(
      'FROM alpine:3.20\nRUN apk add --no-cache curl\n'
    )
    expect(dockerfileFix('DF005', 'FROM fedora:40\nRUN dnf install -y --nogpgcheck httpd\n').after).toBe('FROM fedora:40\nRUN dnf install -y httpd\n')
  })

  it('DF001 adds USER for the user the stage creates (review), after its last RUN', () => {
    const { after, finding } = dockerfileFix('DF001', lines`
      FROM debian:12
      RUN useradd --create-home --uid 10001 app
      COPY app /app
      CMD ["/app/run"]
    `)
    expect(finding.fix!.safety).toBe('review')
    expect(after).toBe(lines`
      FROM debian:12
      RUN useradd --create-home --uid 10001 app
      USER app
      COPY app /app
      CMD ["/app/run"]
    `)
  })

  it('DF001 puts USER above the comment that belongs to the next instruction', () => {
    const { after } = dockerfileFix('DF001', 'FROM debian:12\nRUN useradd app\n# the app\nCOPY app /app\n')
    expect(after).toBe('FROM debian:12\nRUN useradd app\nUSER app\n# the app\nCOPY app /app\n')
  })

  it('DF001 offers no USER when the image creates no user', () => {
    const df001 = scanWithFixes('Dockerfile', 'FROM debian:12\nCMD ["sh"]\n').filter((f) => f.ruleId === 'DF001')
    expect(df001).toHaveLength(1)
    expect(df001[0].fix).toBeUndefined()
  })
})

describe('proof and shapes', () => {
  it('drops a fix that does not make the finding go away', () => {
    // The base file sets read_only: false later in the merge order; adding true to compose.yaml changes nothing.
    const files = {
      'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
      'compose.override.yaml': 'services:\n  web:\n    read_only: false\n'
    }
    const workspace = new MemoryWorkspace(files)
    const findings = scanPrepared([{ path: 'compose.yaml', content: files['compose.yaml'] }], { workspace, config: defaultConfig(), fixes: true }).findings
    const dc013 = findings.filter((f) => f.ruleId === 'DC013' && f.file === 'compose.yaml')
    for (const finding of dc013) expect(finding.fix).toBeUndefined()
  })

  it('fixes are left out unless asked for', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n'
    const findings = scanPrepared([{ path: 'compose.yaml', content: text }], { config: defaultConfig() }).findings
    expect(findings.some((f) => f.fix)).toBe(false)
  })

  it('widens a fix to whole lines for a suggested change', () => {
    const text = 'a\nb\nRUN curl -k https://x\nd\n'
    expect(lineReplacement(text, { description: '', safety: 'safe', edits: [{ range: { line: 3, column: 9, endLine: 3, endColumn: 12 }, text: '' }] })).toEqual({
      startLine: 3,
      endLine: 3,
      text: 'RUN curl https://x',
      deletes: false
    })
    expect(lineReplacement(text, { description: '', safety: 'safe', edits: [{ range: { line: 2, column: 1, endLine: 3, endColumn: 1 }, text: '' }] })).toEqual({
      startLine: 2,
      endLine: 2,
      text: '',
      deletes: true
    })
  })
})

describe('proof under hostile input', () => {
  it('bounds the scans of a file with thousands of fixes, and proves them in rounds', () => {
    const services = Array.from({ length: 400 }, (_, i) => `  s${i}:\n    image: nginx:1.27\n    privileged: true\n`).join('')
    const text = `services:\n${services}`
    const started = Date.now()
    const findings = scanWithFixes('compose.yaml', text)
    const elapsed = Date.now() - started
    const dc001 = findings.filter((f) => f.ruleId === 'DC001')
    expect(dc001).toHaveLength(400)
    expect(dc001.every((f) => f.fix)).toBe(true)
    expect(elapsed).toBeLessThan(15_000)
  })
})
