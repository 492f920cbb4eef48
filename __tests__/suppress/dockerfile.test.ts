import { beforeAll, describe, expect, it } from '@jest/globals'
import { parseDockerfile } from '../../src/dockerfile/model.js'
import { dockerfileSuppressions } from '../../src/dockerfile/suppressions.js'
import { lines, prepareEngine } from '../helpers.js'
import { outcome } from './helpers.js'

beforeAll(prepareEngine)

const directives = (text: string) => dockerfileSuppressions(parseDockerfile('Dockerfile', text))

describe('containment-ignore in a Dockerfile', () => {
  it('covers the instruction directly below it, and nothing else', () => {
    const text = lines`
      FROM alpine:3.19
      # containment-ignore DF002: the vendor installer needs root here
      RUN sudo ./install.sh
      RUN sudo ls
    `
    expect(outcome(directives(text), ['DF002@3', 'DF002@4', 'DF009@1'])).toEqual(['DF002@3 ~inline:2', 'DF002@4', 'DF009@1'])
  })

  it('covers every line of a continued instruction, for each rule it names', () => {
    const text = lines`
      FROM ubuntu:latest
      # containment-ignore DF002 DF001: build step only
      RUN set -eux; \\
          apt-get update; \\
          sudo make install
      USER root
    `
    expect(outcome(directives(text), ['DF002@5', 'DF001@6'])).toEqual([
      'DF002@5 ~inline:2',
      'DF001@6',
      'CT001@2:1 Suppression "# containment-ignore DF002 DF001: build step only" matches no DF001 finding on lines 3-5, which it covers: a stale or misplaced suppression would silently excuse a future DF001 finding there. Remove it, or move it directly above what DF001 reports.'
    ])
  })

  it('reaches through a block of comments, whatever the tool', () => {
    const text = lines`
      FROM alpine:3.19
      # containment-ignore DF002: needed for the legacy installer
      # hadolint ignore=DL3004
      RUN sudo ./install.sh
    `
    // Both comments covered the finding: neither is unused; ours gives the reason shown.
    expect(outcome(directives(text), ['DF002@4'])).toEqual(['DF002@4 ~inline:2'])
  })

  it('inside a continued RUN, covers the line below it only', () => {
    const text = lines`
      FROM alpine:3.19
      RUN apk add --no-cache make && \\
          # containment-ignore DF002: the Makefile calls sudo, tracked in OPS-12
          sudo make install && \\
          sudo id
    `
    expect(outcome(directives(text), ['DF002@4', 'DF002@5'])).toEqual(['DF002@4 ~inline:3', 'DF002@5'])
  })

  it('does not reach over a blank line, and says so', () => {
    const text = lines`
      FROM alpine:3.19
      # containment-ignore DF002: needed

      RUN sudo ls
    `
    expect(outcome(directives(text), ['DF002@4'])).toEqual([
      'DF002@4',
      'CT001@2:1 Suppression "# containment-ignore DF002: needed" has no instruction directly below it (a blank line or the end of the file is in between), so it suppresses nothing. Put it on the line directly above the instruction.'
    ])
  })

  it('-file before the first FROM covers the file, after it covers nothing', () => {
    const text = lines`
      # containment-ignore-file DF009: digests are pinned by Renovate at release
      ARG NODE=20
      FROM node:\${NODE} AS build
      FROM alpine:3.19
      # containment-ignore-file DF008: too late
      RUN ls
    `
    expect(outcome(directives(text), ['DF009@3', 'DF009@4', 'DF008@4'])).toEqual([
      'DF009@3 ~inline:1',
      'DF009@4 ~inline:1',
      'DF008@4',
      'CT001@5:1 Suppression "# containment-ignore-file DF008: too late" comes after the first FROM (line 3), so it does not apply to the file and suppresses nothing. Move it above the first FROM.'
    ])
  })

  it('reports an unknown rule, with a guess, and still applies the rules it knows', () => {
    const text = 'FROM alpine:3.19\n  # containment-ignore DF099 DF002: vendor script\nRUN sudo ls\n'
    expect(outcome(directives(text), ['DF002@3'])).toEqual([
      'DF002@3 ~inline:2',
      'CT001@2:3 Suppression "# containment-ignore DF099 DF002: vendor script" names "DF099", which is not a Containment rule, so it suppresses nothing. Did you mean "DF009"? Fix the ID or remove it.'
    ])
  })

  it('does not apply a suppression without a reason', () => {
    const text = 'FROM alpine:3.19\n# containment-ignore DF002\nRUN sudo ls\n'
    expect(outcome(directives(text), ['DF002@3'])).toEqual([
      'DF002@3',
      'CT001@2:1 Suppression "# containment-ignore DF002" gives no reason, so it is not applied: a reviewer must see why the finding is acceptable. Write "# containment-ignore DF002: <why it is safe>".'
    ])
  })

  it('is ignored entirely with inline-suppressions: false (an audit), CT001 included', () => {
    const text = 'FROM alpine:3.19\n# containment-ignore DF002: x\nRUN sudo ls\n# containment-ignore DF001: nothing here\nRUN ls\n'
    expect(outcome(directives(text), ['DF002@3'], { inlineSuppressions: false })).toEqual(['DF002@3'])
  })

  it('applies to the findings of its own file only', () => {
    const text = 'FROM alpine:3.19\n# containment-ignore DF002: x\nRUN sudo ls\n'
    expect(outcome(directives(text), ['DF002@3'], {}, 'other/Dockerfile')).toEqual([
      'DF002@3',
      expect.stringMatching(/^CT001@2:1 Suppression .* matches no DF002 finding on line 3/)
    ])
  })
})

describe('other tools\' comments in a Dockerfile', () => {
  const file = (comment: string) => lines`
    FROM ubuntu:latest
    RUN sudo apt-get update
    ${comment}
    RUN sudo make install
    USER root
  `
  // DF002 on both RUNs, DF008 on the FROM, DF001 on the USER, DF009 (no equivalents) on the FROM.
  const findings = ['DF008@1', 'DF009@1', 'DF002@2', 'DF002@4', 'DF001@5']

  it.each([
    ['hadolint ignore=DL3004', ['DF002@4 ~hadolint:3']],
    ['hadolint ignore=DL3007,DL3004 reason text', ['DF002@4 ~hadolint:3']],
    ['hadolint global ignore=DL3004', ['DF002@2 ~hadolint:3', 'DF002@4 ~hadolint:3']],
    ['hadolint global ignore=DL3002', ['DF001@5 ~hadolint:3']],
    ['trivy:ignore:DS-0010', ['DF002@4 ~trivy:3']],
    ['trivy:ignore:AVD-DS-0010', ['DF002@4 ~trivy:3']],
    ['trivy:ignore:DS010', ['DF002@4 ~trivy:3']],
    ['trivy:ignore:DS-0010:exp:2999-12-31', ['DF002@4 ~trivy:3']],
    ['trivy:ignore:DS-0010:exp:2020-01-01', []],
    ['trivy:ignore:DS-0001', []],
    ['checkov:skip=CKV2_DOCKER_1: the installer needs it', ['DF002@2 ~checkov:3', 'DF002@4 ~checkov:3']],
    ['checkov:skip=CKV_DOCKER_8', ['DF001@5 ~checkov:3']],
    ['kics-scan ignore-line', ['DF002@4 ~kics:3']],
    ['kics-scan ignore-block', ['DF002@4 ~kics:3']],
    ['kics-scan disable=8ada6e80-0ade-439e-b176-0b28f6bce35a', ['DF002@2 ~kics:3', 'DF002@4 ~kics:3']],
    ['kics-scan disable=f45ea400-6bbe-4501-9fc7-1c3d75c32067', ['DF008@1 ~kics:3']],
    ['hadolint ignore=DL3008', []]
  ])('"# %s" suppresses exactly %j', (comment, expected) => {
    const result = outcome(directives(file(`# ${comment}`)), findings)
    expect(result.filter((f) => f.includes('~'))).toEqual(expected)
    // Other tools' comments are never reported as unused: they may serve the other tool still.
    expect(result.filter((f) => f.startsWith('CT001'))).toEqual([])
    expect(result).toHaveLength(findings.length)
  })

  it('honours kics-scan ignore at the top for every rule that has a KICS equivalent', () => {
    const text = '# kics-scan ignore\n' + file('# nothing')
    const shifted = ['DF008@2', 'DF009@2', 'DF002@3', 'DF002@5', 'DF001@6']
    expect(outcome(directives(text), shifted)).toEqual(['DF008@2 ~kics:1', 'DF009@2', 'DF002@3 ~kics:1', 'DF002@5 ~kics:1', 'DF001@6 ~kics:1'])
  })

  it('are ignored with other-tools-suppressions: false, while ours still apply', () => {
    const text = 'FROM ubuntu:24.04\n# hadolint global ignore=DL3004\nRUN sudo ls\n# containment-ignore DF001: runs as root by design, see ADR-7\nUSER root\n'
    expect(outcome(directives(text), ['DF002@3', 'DF001@5'], { otherToolsSuppressions: false })).toEqual(['DF002@3', 'DF001@5 ~inline:4'])
  })

  it('gives the reason of the comment, or quotes the comment when it has none', () => {
    const text = 'FROM alpine:3.19\n# checkov:skip=CKV2_DOCKER_1: vendor installer\n# hadolint ignore=DL3004\nRUN sudo ls\n'
    const input = directives(text)
    expect(input.map((d) => d.reason)).toEqual(['vendor installer', undefined])
  })
})
