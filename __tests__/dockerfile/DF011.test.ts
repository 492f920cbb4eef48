import { beforeAll, describe, expect, it } from '@jest/globals'
import { dockerfile, findingsOf, prepareEngine } from '../helpers.js'

beforeAll(prepareEngine)

const COMMIT = '0123456789abcdef0123456789abcdef01234567'
const SHA256 = 'sha256:' + 'c'.repeat(64)

describe('DF011 add-remote-url', () => {
  it.each([
    ['ADD of an https URL', 'FROM alpine:3.19\nADD https://example.com/tool.tar.gz /opt/\n', ['2:5 medium']],
    ['ADD of an http URL', 'FROM alpine:3.19\nADD http://example.com/tool /usr/local/bin/tool\n', ['2:5 medium']],
    ['ADD in the JSON form', 'FROM alpine:3.19\nADD ["https://example.com/a b", "/opt/"]\n', ['2:7 medium']],
    ['ADD with other flags', 'FROM alpine:3.19\nADD --chown=app:app --chmod=755 https://example.com/run.sh /run.sh\n', ['2:33 medium']],
    ['ADD of a Git repository by SSH', 'FROM alpine:3.19\nADD git@github.com:moby/buildkit.git /src\n', ['2:5 medium']],
    ['ADD of a Git repository at a tag', 'FROM alpine:3.19\nADD https://github.com/moby/buildkit.git#v0.13.0 /src\n', ['2:5 medium']],
    ['ADD of a Git repository at a branch', 'FROM alpine:3.19\nADD https://github.com/moby/buildkit.git /src\n', ['2:5 medium']],
    ['ADD of a Git repository at a short commit', 'FROM alpine:3.19\nADD https://github.com/moby/buildkit.git#0123abc /src\n', ['2:5 medium']],
    ['each remote source', 'FROM alpine:3.19\nADD https://a.example/x https://b.example/y /opt/\n', ['2:5 medium', '2:25 medium']]
  ])('fires on %s', (_name, text, expected) => {
    expect(dockerfile('DF011', text)).toEqual(expected)
  })

  it.each([
    ['a checksum', `FROM alpine:3.19\nADD --checksum=${SHA256} https://example.com/tool.tar.gz /opt/\n`],
    ['a checksum from a build argument', 'FROM alpine:3.19\nARG SUM\nADD --checksum=${SUM} https://example.com/tool /t\n'],
    ['a Git commit after #', `FROM alpine:3.19\nADD https://github.com/moby/buildkit.git#${COMMIT} /src\n`],
    ['a Git commit and a subdirectory', `FROM alpine:3.19\nADD git@github.com:moby/buildkit.git#${COMMIT}:docs /docs\n`],
    ['a Git commit in the query', `FROM alpine:3.19\nADD https://github.com/moby/buildkit.git?ref=v0.13.0&commit=${COMMIT} /src\n`],
    ['a Git --checksum', `FROM alpine:3.19\nADD --checksum=${COMMIT} https://github.com/moby/buildkit.git#v0.13.0 /src\n`],
    ['ADD of a local file', 'FROM alpine:3.19\nADD rootfs.tar.gz /\n'],
    ['COPY', 'FROM alpine:3.19\nCOPY app /app\n'],
    ['a URL in RUN', 'FROM alpine:3.19\nRUN wget https://example.com/x\n']
  ])('does not fire on %s', (_name, text) => {
    expect(dockerfile('DF011', text)).toEqual([])
  })

  it('says how to pin', () => {
    const [url] = findingsOf('DF011', { Dockerfile: 'FROM alpine:3.19\nADD https://example.com/x /x\n' })
    expect(url.message).toContain('--checksum=sha256:')
    const [git] = findingsOf('DF011', { Dockerfile: 'FROM alpine:3.19\nADD https://github.com/o/r.git#main /src\n' })
    expect(git.message).toContain('https://github.com/o/r.git#<40-hex commit>')
  })
})
