import { beforeAll, describe, expect, it } from '@jest/globals'
import { copyArguments, flagOptions, joinedArgument, pathArguments } from '../../src/dockerfile/arguments.js'
import { declaredWorkdirAt, repositorySources, workdirAt } from '../../src/dockerfile/copied-files.js'
import { parseDockerfile, type DockerfileModel } from '../../src/dockerfile/model.js'
import { initShellParser } from '../../src/shell/tree-sitter.js'

beforeAll(() => initShellParser())

function instruction(model: DockerfileModel, keyword: string, nth = 0) {
  return model.instructions.filter((i) => i.keyword === keyword)[nth]
}

describe('Dockerfile model fixes', () => {
  it('breaks lines at LF only, as BuildKit and git do: a lone CR is a blank inside the line (found by npm run fuzz)', () => {
    const model = parseDockerfile('Dockerfile', 'FROM alpine\rRUN curl -k https://x | sh\rUSER root\r\nRUN id\r\n')
    expect(model.instructions.map((i) => [i.keyword, i.range.line, i.range.endLine])).toEqual([
      ['FROM', 1, 1],
      ['RUN', 2, 2]
    ])
  })

  it('runs shell-form text of Windows images through cmd, not /bin/sh', () => {
    const model = parseDockerfile('Dockerfile', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN if exist C:\\x ( del C:\\x )\n')
    expect(instruction(model, 'RUN').script?.commands).toEqual([])
    expect(model.problems).toEqual([])
  })

  it('keeps /bin/sh for Linux images and a stage\'s SHELL for the stages built on it', () => {
    const model = parseDockerfile('Dockerfile', 'FROM alpine:3.19 AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nRUN curl x | sh\nFROM alpine:3.19\nRUN curl x | sh\n')
    expect(instruction(model, 'RUN', 0).pipefail).toBe(true)
    expect(instruction(model, 'RUN', 1).pipefail).toBe(false)
  })

  it('reports a broken JSON form once, not again as a shell syntax error', () => {
    const model = parseDockerfile('Dockerfile', "FROM alpine:3.19\nCMD ['sh', '-c', 'echo hi']\n")
    expect(model.problems.map((p) => p.range.line)).toEqual([2])
  })

  it('accepts JSON forms split over continuation lines, and the test command', () => {
    const model = parseDockerfile('Dockerfile', 'FROM alpine:3.19\nCMD ["a", \\\n  "b"]\nRUN [ -d /x ] || mkdir /x\n')
    expect(model.problems).toEqual([])
  })

  it('reports an unterminated COPY here-document', () => {
    const model = parseDockerfile('Dockerfile', 'FROM alpine:3.19\nCOPY <<EOF /x\nhello\n')
    expect(model.problems.map((p) => [p.range.line, p.range.column, p.message])).toEqual([
      [2, 6, 'here-document "EOF" is never terminated: the rest of the file becomes its content']
    ])
  })

})

describe('path arguments', () => {
  it('reads the JSON form with positions inside the quotes', () => {
    const model = parseDockerfile('Dockerfile', 'FROM alpine:3.19\nCOPY ["a b.txt", "c\\u0041", "/dest/"]\n')
    expect(pathArguments(model, instruction(model, 'COPY')).map((a) => [a.value, a.range.column])).toEqual([
      ['a b.txt', 8],
      ['cA', 19],
      ['/dest/', 30]
    ])
  })

  it('removes quotes in the shell form and leaves flags out', () => {
    const model = parseDockerfile('Dockerfile', 'FROM alpine:3.19\nCOPY --chown=1:1 "src" \'more\' /dest/\n')
    const { sources, destination } = copyArguments(model, instruction(model, 'COPY'))
    expect(sources.map((a) => [a.value, a.range.column])).toEqual([['src', 19], ['more', 25]])
    expect(destination?.value).toBe('/dest/')
  })

  it('leaves here-document bodies out and marks the markers', () => {
    const model = parseDockerfile('Dockerfile', 'FROM alpine:3.19\nCOPY <<EOF /etc/motd\nid_rsa\nEOF\n')
    expect(pathArguments(model, instruction(model, 'COPY')).map((a) => [a.value, a.heredoc])).toEqual([
      ['<<EOF', true],
      ['/etc/motd', false]
    ])
  })

  it('reads a JSON form over continuation lines', () => {
    const model = parseDockerfile('Dockerfile', 'FROM alpine:3.19\nVOLUME ["/a", \\\n  "/b"]\n')
    expect(pathArguments(model, instruction(model, 'VOLUME')).map((a) => [a.value, a.range.line, a.range.column])).toEqual([
      ['/a', 2, 10],
      ['/b', 3, 4]
    ])
  })

  it('takes WORKDIR as one path, blanks included', () => {
    const model = parseDockerfile('Dockerfile', 'FROM alpine:3.19\nWORKDIR /my app/x\n')
    expect(joinedArgument(model, instruction(model, 'WORKDIR'))?.value).toBe('/my app/x')
  })

  it('splits --mount options with the position of each value', () => {
    const model = parseDockerfile('Dockerfile', 'FROM alpine:3.19\nRUN --mount=type=bind,from=golang:1.22,target=/go ls\n')
    const mount = instruction(model, 'RUN').flags[0]
    expect(flagOptions(model, mount).map((o) => [o.key, o.value, o.range.column])).toEqual([
      ['type', 'bind', 18],
      ['from', 'golang:1.22', 28],
      ['target', '/go', 47]
    ])
  })
})

describe('files copied into the image', () => {
  it('tracks WORKDIR through the stage chain, relative ones included', () => {
    const model = parseDockerfile('Dockerfile', 'FROM alpine:3.19 AS base\nWORKDIR /srv\nFROM base\nWORKDIR app\nCOPY x .\n')
    expect(workdirAt(instruction(model, 'COPY'))).toBe('/srv/app')
    const unknown = parseDockerfile('Dockerfile', 'FROM node:20\nWORKDIR app\nCOPY x .\n')
    expect(declaredWorkdirAt(instruction(unknown, 'COPY'))).toBeUndefined()
  })

  it('maps an image path back to the repository file, latest COPY first', () => {
    const model = parseDockerfile('docker/Dockerfile', 'FROM alpine:3.19\nCOPY old.sh /usr/local/bin/run.sh\nCOPY scripts/ /usr/local/bin/\nCOPY *.sh /opt/\n')
    const stage = model.stages[0]
    expect(repositorySources(model, stage, '/usr/local/bin/run.sh')).toEqual([
      { path: 'docker/scripts/run.sh', named: false },
      { path: 'docker/old.sh', named: true }
    ])
    expect(repositorySources(model, stage, '/opt/start.sh')).toEqual([{ path: 'docker/start.sh', named: false }])
    // A bare name is looked up by name in every destination directory (it runs from PATH).
    expect(repositorySources(model, stage, 'run.sh').map((s) => s.path)).toEqual(['docker/run.sh', 'docker/scripts/run.sh', 'docker/old.sh'])
  })
})
