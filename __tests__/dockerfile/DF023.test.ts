import { beforeAll, describe, expect, it } from '@jest/globals'
import { dockerfile, findingsOf, lines, prepareEngine } from '../helpers.js'

beforeAll(prepareEngine)

describe('DF023 invalid-dockerfile', () => {
  it.each([
    ['an unknown instruction', 'FROM alpine:3.19\nFOO bar\nRUN ls\n', ['2:1 medium']],
    ['a misspelt instruction', 'FROM alpine:3.19\nRUNN apk add curl\n', ['2:1 medium']],
    ['a file without FROM', 'RUN apk add curl\n', ['1:1 medium']],
    ['a file without FROM, after comments and ARG', '# a template\nARG V=1\nRUN apk add curl\n', ['2:1 medium']],
    ['an instruction before FROM other than ARG', 'ARG VERSION=3.19\nENV A=1\nFROM alpine:${VERSION}\n', ['2:1 medium']],
    ['an unclosed JSON form', 'FROM alpine:3.19\nCMD ["nginx", "-g", "daemon off;"\n', ['2:1 medium']],
    ['a JSON form with single quotes', "FROM alpine:3.19\nENTRYPOINT ['/entrypoint.sh']\n", ['2:1 medium']],
    ['a JSON form with a trailing comma', 'FROM alpine:3.19\nRUN ["apk", "add", "curl",]\n', ['2:1 medium']],
    ['an unterminated RUN here-document', 'FROM alpine:3.19\nRUN <<EOF\napk add curl\n', ['2:5 medium']],
    ['an unterminated COPY here-document', 'FROM alpine:3.19\nCOPY <<EOF /etc/motd\nhello\n', ['2:6 medium']],
    ['FROM without an image', 'FROM\nRUN ls\n', ['1:1 medium']]
  ])('fires on %s', (_name, text, expected) => {
    expect(dockerfile('DF023', text)).toEqual(expected)
  })

  it('says what is wrong', () => {
    const [finding] = findingsOf('DF023', { Dockerfile: "FROM alpine:3.19\nCMD ['sh']\n" })
    expect(finding.message).toContain('CMD looks like a JSON array but is not valid JSON')
  })

  describe('a file without FROM (a template or snippet)', () => {
    const snippet = 'RUN curl -k https://x | sh\nUSER root\n'

    it('is one DF023, at the first instruction, saying there is no FROM', () => {
      const findings = findingsOf('DF023', { Dockerfile: snippet })
      expect(findings.map((f) => `${f.line}:${f.column}`)).toEqual(['1:1'])
      expect(findings[0].message).toContain('no FROM instruction')
    })

    it('still has its instructions analysed, positions kept', () => {
      // The same findings as after a FROM, one line up.
      for (const id of ['DF003', 'DF004']) {
        const withFrom = dockerfile(id, `FROM alpine:3.20\n${snippet}`).map((f) => f.replace(/^2:/, '1:'))
        expect(withFrom.length).toBe(1)
        expect(dockerfile(id, snippet)).toEqual(withFrom)
      }
      expect(dockerfile('DF003', snippet)).toEqual(['1:25 high'])
      expect(dockerfile('DF002', 'WORKDIR /app\nRUN apt-get update && \\\n    sudo make install\n')).toEqual(['3:5 high'])
    })

    it('makes no claim about a final stage or base image it cannot see', () => {
      expect(dockerfile('DF001', 'RUN make\n')).toEqual([])
      expect(dockerfile('DF021', 'RUN make\nCMD ["app"]\n')).toEqual([])
    })

    it('is not how a file with FROM later is read: the lines before it stay DF023 each', () => {
      const text = 'RUN curl -k https://x | sh\nFROM alpine:3.20\nRUN ls\n'
      expect(dockerfile('DF023', text)).toEqual(['1:1 medium'])
      expect(dockerfile('DF003', text)).toEqual([])
    })
  })

  it('still analyses the rest of the file', () => {
    const text = 'FROM alpine:3.19\nFOO bar\nRUN sudo apk add curl\n'
    expect(dockerfile('DF023', text)).toEqual(['2:1 medium'])
    expect(dockerfile('DF002', text)).toEqual(['3:5 high'])
  })

  it.each([
    ['# syntax=', '# syntax=docker/dockerfile:1.7\nFROM alpine:3.19\nRUN ls\n'],
    ['# escape=', '# escape=`\nFROM alpine:3.19\nRUN apk add `\n    curl\n'],
    ['# check=', '# check=skip=JSONArgsRecommended;error=true\nFROM alpine:3.19\nCMD sh\n'],
    ['all three directives', '# syntax=docker/dockerfile:1\n# escape=\\\n# check=skip=all\nFROM alpine:3.19\n'],
    ['ARG before FROM', 'ARG BASE=alpine:3.19\nFROM ${BASE}\n'],
    ['lower-case instructions', 'from alpine:3.19\nrun apk add curl\ncmd ["sh"]\n'],
    ['a multi-stage file', 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n'],
    ['terminated here-documents', 'FROM alpine:3.19\nRUN <<EOF\napk add curl\nEOF\nCOPY <<-EOT /etc/motd\n\thello\n\tEOT\n'],
    ['a JSON form over continuation lines', 'FROM alpine:3.19\nCMD ["nginx", \\\n     "-g", "daemon off;"]\n'],
    ['the test command in shell form', 'FROM alpine:3.19\nRUN [ -f /etc/os-release ] && cat /etc/os-release\nRUN [ "$(id -u)" = 0 ] || exit 1\n'],
    ['ONBUILD and every other instruction', lines`
      FROM alpine:3.19
      LABEL a=b
      MAINTAINER someone
      EXPOSE 80
      ENV A=1
      ADD a /a
      COPY b /b
      VOLUME /data
      USER nobody
      WORKDIR /app
      STOPSIGNAL SIGTERM
      HEALTHCHECK CMD true
      SHELL ["/bin/sh", "-c"]
      ONBUILD RUN echo hi
      CMD ["sh"]
    `],
    ['a Windows file with cmd syntax in RUN', '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN if not exist C:\\data ( `\n    mkdir C:\\data )\n'],
    ['an empty file', '']
  ])('does not fire on %s', (_name, text) => {
    expect(dockerfile('DF023', text)).toEqual([])
  })
})
