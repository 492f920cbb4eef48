import { beforeAll, describe, expect, it } from '@jest/globals'
import { dockerfile, findingsOf, lines, prepareEngine } from '../helpers.js'

beforeAll(prepareEngine)

describe('DF016 insecure-build-sandbox', () => {
  it.each([
    ['--security=insecure', 'FROM debian\nRUN --security=insecure mount -t tmpfs none /mnt\n', ['2:5 high']],
    ['--network=host', 'FROM debian\nRUN --network=host curl -fsS http://localhost:8080/\n', ['2:5 medium']],
    ['both, after a mount', 'FROM debian\nRUN --mount=type=cache,target=/root/.cache --network=host --security=insecure make\n', ['2:44 medium', '2:59 high']],
    ['in a later stage', 'FROM debian AS build\nRUN make\nFROM build\nRUN --network=host make test\n', ['4:5 medium']],
    ['in an ONBUILD RUN', 'FROM debian\nONBUILD RUN --network=host --security=insecure make\n', ['2:13 medium', '2:28 high']]
  ])('fires on %s', (_name, text, expected) => {
    expect(dockerfile('DF016', text)).toEqual(expected)
  })

  it('fires at the line of the flag when the RUN continues and quotes it', () => {
    const text = lines`
      FROM debian
      RUN \\
        --security=insecure \\
        apt-get update
    `
    const findings = findingsOf('DF016', { Dockerfile: text })
    expect(findings.map((f) => `${f.line}:${f.column} ${f.severity}`)).toEqual(['3:3 high'])
    expect(findings[0].message).toContain('RUN --security=insecure')
  })

  it.each([
    ['--network=none', 'FROM debian\nRUN --network=none make\n'],
    ['--network=default', 'FROM debian\nRUN --network=default make\n'],
    ['--security=sandbox', 'FROM debian\nRUN --security=sandbox make\n'],
    ['the words in a command', 'FROM debian\nRUN echo --network=host --security=insecure\n'],
    ['a plain RUN', 'FROM debian\nRUN make\n']
  ])('does not fire on %s', (_name, text) => {
    expect(dockerfile('DF016', text)).toEqual([])
  })
})
