import { beforeAll, describe, expect, it } from '@jest/globals'
import { parseDockerfile } from '../../src/dockerfile/model.js'
import { dockerfileRules } from '../../src/dockerfile/rules/index.js'
import { dockerfile, findingsOf, lines, prepareEngine, positionOf } from '../helpers.js'

beforeAll(prepareEngine)

/** `line:column` of the first occurrence of `needle`. */
const at = (text: string, needle: string): string => positionOf(text, needle)

describe('DF012 insecure-transport', () => {
  it.each([
    ['curl http://', 'FROM debian\nRUN curl -fsSL http://x.example/a.tgz -o /a.tgz\n', 'http://'],
    ['curl --url http://', 'FROM debian\nRUN curl --url http://x.example/a -o /a\n', 'http://'],
    ['curl without a scheme', 'FROM debian\nRUN curl -fsSL get.example.com -o /i.sh\n', 'get.example.com'],
    ['wget ftp://', 'FROM debian\nRUN wget ftp://ftp.example.org/pub/a.tar.gz\n', 'ftp://'],
    ['wget http:// behind sudo', 'FROM debian\nRUN sudo wget -q http://x.example/a\n', 'http://'],
    ['a key fetched over http', 'FROM debian\nRUN curl -fsSL http://x.example/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg\n', 'http://'],
    ['ADD http://', 'FROM debian\nADD http://x.example/a.tgz /a.tgz\n', 'http://'],
    ['ADD in JSON form', 'FROM debian\nADD ["http://x.example/a.tgz", "/a.tgz"]\n', 'http://'],
    ['pip --index-url http://', 'FROM python:3\nRUN pip install --index-url http://pypi.example/simple flask==3.0.0\n', 'http://'],
    ['pip -i http://', 'FROM python:3\nRUN pip install -i http://pypi.example/simple flask==3.0.0\n', 'http://'],
    ['pip --extra-index-url=http://', 'FROM python:3\nRUN python3 -m pip install --extra-index-url=http://pypi.example/simple x==1\n', 'http://'],
    ['pip config set global.index-url', 'FROM python:3\nRUN pip config set global.index-url http://pypi.example/simple\n', 'http://'],
    ['ENV PIP_INDEX_URL', 'FROM python:3\nENV PIP_INDEX_URL=http://pypi.example/simple\n', 'PIP_INDEX_URL'],
    ['git clone http://', 'FROM alpine/git\nRUN git clone http://git.example/r.git /src\n', 'http://'],
    ['git clone git://', 'FROM alpine/git\nRUN git clone --depth 1 git://git.example/r.git\n', 'git://'],
    ['npm --registry http://', 'FROM node:20\nRUN npm install --registry http://npm.example/ left-pad@1.3.0\n', 'http://'],
    ['npm --registry=http://', 'FROM node:20\nRUN npm ci --registry=http://npm.example/\n', 'http://'],
    ['yarn --registry http://', 'FROM node:20\nRUN yarn install --registry http://npm.example/\n', 'http://'],
    ['npm config set registry', 'FROM node:20\nRUN npm config set registry http://npm.example/\n', 'http://'],
    ['registry written to .npmrc', 'FROM node:20\nRUN echo "registry=http://npm.example/" > /root/.npmrc\n', 'http://'],
    ['gem --source http://', 'FROM ruby:3\nRUN gem install rails -v 7.1.0 --source http://gems.example/\n', 'http://']
  ])('fires on %s', (_name, text, needle) => {
    expect(dockerfile('DF012', text)).toEqual([`${at(text, needle)} medium`])
  })

  it('fires at the physical line inside a continued RUN and quotes the URL', () => {
    const text = lines`
      FROM debian
      RUN set -eux; \\
          wget -O /tmp/a.tgz \\
            http://x.example/a.tgz; \\
          tar xzf /tmp/a.tgz
    `
    const findings = findingsOf('DF012', { Dockerfile: text })
    expect(findings.map((f) => `${f.line}:${f.column} ${f.severity}`)).toEqual(['4:7 medium'])
    expect(findings[0].message).toContain('"http://x.example/a.tgz" is fetched over plain HTTP by wget')
  })

  it.each([
    ['https', 'FROM debian\nRUN curl -fsSL https://x.example/a -o /a\n'],
    ['apt repositories', 'FROM debian\nRUN echo "deb http://deb.debian.org/debian bookworm main" > /etc/apt/sources.list && apt-get update\n'],
    ['apk repositories', 'FROM alpine\nRUN apk add --repository http://dl-cdn.alpinelinux.org/alpine/edge/testing x\n'],
    ['yum repository files', 'FROM centos:7\nRUN echo "baseurl=http://mirror.example/centos/7/" >> /etc/yum.repos.d/x.repo\n'],
    ['localhost', 'FROM debian\nRUN curl -f http://localhost:8080/health && wget -qO- http://127.0.0.1/x && curl http://[::1]:80/\n'],
    ['pip from a local index', 'FROM python:3\nRUN pip install -i http://localhost:3141/simple x==1\n'],
    ['a proxy', 'FROM debian\nRUN curl -x http://proxy.example:3128 https://x.example/a -o /a && git config --global http.proxy http://proxy.example:3128\n'],
    ['a referer and a header', `FROM debian\nRUN curl -e http://x.example/ -H 'Origin: http://x.example' https://x.example/a -o /a\n`],
    ['a git insteadOf rewrite to https', 'FROM alpine/git\nRUN git config --global url."https://github.com/".insteadOf git://github.com/\n'],
    ['ADD with a checksum', 'FROM debian\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d http://x.example/a.tgz /a.tgz\n'],
    ['an http download verified afterwards', 'FROM debian\nRUN curl -fsSLo a.tgz http://x.example/a.tgz && echo "abc  a.tgz" | sha256sum -c -\n'],
    ['URLs in echo to the terminal', 'FROM debian\nRUN echo "see http://x.example/"\n'],
    ['a URL in a comment', 'FROM debian\n# RUN curl http://x.example/\nRUN true\n'],
    ['a file operand of wget -O', 'FROM debian\nRUN wget -O index.html https://x.example/\n']
  ])('does not fire on %s', (_name, text) => {
    expect(dockerfile('DF012', text)).toEqual([])
  })

  it('stays linear in the commands of a RUN (5,000 downloads and a check at the end)', () => {
    const model = parseDockerfile('Dockerfile', 'FROM debian\nRUN ' + Array.from({ length: 5000 }, (_, i) => `curl -o /f${i} http://x.example/${i}`).join(' && ') + ' && sha256sum -c sums\n')
    const rule = dockerfileRules.find((r) => r.id === 'DF012')!
    let findings = 0
    const started = performance.now()
    rule.check(model, () => findings++, { config: {} as never, workspace: {} as never, memo: new Map() })
    // A rule that compares every command with every other takes seconds here.
    expect(performance.now() - started).toBeLessThan(1500)
    expect(findings).toBe(0)
  })
})
