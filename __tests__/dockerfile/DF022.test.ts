import { beforeAll, describe, expect, it } from '@jest/globals'
import { dockerfile, findingsOf, lines, prepareEngine } from '../helpers.js'

beforeAll(prepareEngine)

describe('DF022 package-version-unpinned', () => {
  it.each([
    ['apt-get install', 'FROM debian\nRUN apt-get install -y curl\n', ['2:5 info']],
    ['apt install after update', 'FROM debian\nRUN apt update && apt install -y curl=8.5.0-2 git\n', ['2:19 info']],
    ['apt-get with a release but no version', 'FROM debian\nRUN apt-get install -y -t bookworm-backports golang/bookworm-backports\n', ['2:5 info']],
    ['apk add', 'FROM alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev\n', ['2:5 info']],
    ['pip install', 'FROM python:3\nRUN pip install --no-cache-dir flask requests==2.32.3\n', ['2:5 info']],
    ['pip install >= (not a pin)', 'FROM python:3\nRUN pip3 install "django>=4"\n', ['2:5 info']],
    ['python -m pip install --upgrade pip', 'FROM python:3\nRUN python3 -m pip install --upgrade pip\n', ['2:5 info']],
    ['pip install -r and a package', 'FROM python:3\nRUN pip install -r requirements.txt gunicorn\n', ['2:5 info']],
    ['npm install -g', 'FROM node:20\nRUN npm install -g pnpm\n', ['2:5 info']],
    ['npm i @latest', 'FROM node:20\nRUN npm i -g npm@latest\n', ['2:5 info']],
    ['yarn global add', 'FROM node:20\nRUN yarn global add serve\n', ['2:5 info']],
    ['gem install', 'FROM ruby:3\nRUN gem install bundler --no-document\n', ['2:5 info']],
    ['gem -v with several gems (RubyGems refuses it)', 'FROM ruby:3\nRUN gem install grpc -v 1.2 blunder\n', ['2:5 info']],
    ['one finding per command', 'FROM debian\nRUN apt-get install -y a b c d e f g\n', ['2:5 info']],
    ['behind sudo', 'FROM debian\nRUN sudo apt-get install -y curl\n', ['2:10 info']]
  ])('fires on %s', (_name, text, expected) => {
    expect(dockerfile('DF022', text)).toEqual(expected)
  })

  it('lists up to five packages with a count, at the physical line of the command', () => {
    const text = lines`
      FROM debian
      RUN apt-get update \\
       && apt-get install -y --no-install-recommends \\
            ca-certificates curl git gnupg jq make unzip \\
       && rm -rf /var/lib/apt/lists/*
    `
    const findings = findingsOf('DF022', { Dockerfile: text })
    expect(findings.map((f) => `${f.line}:${f.column} ${f.severity}`)).toEqual(['3:5 info'])
    expect(findings[0].message).toContain('"apt-get install" does not pin ca-certificates, curl, git, gnupg, jq and 2 more (7 packages)')
  })

  it.each([
    ['apt-get with versions', 'FROM debian\nRUN apt-get install -y curl=8.5.0-2 git=1:2.39.2-1.1\n'],
    ['a local .deb', 'FROM debian\nRUN apt-get install -y ./pkg.deb /tmp/other.deb\n'],
    ['apk with versions', 'FROM alpine\nRUN apk add --no-cache curl=8.9.1-r0 git~2.45\n'],
    ['apk with a variable list', 'FROM alpine\nRUN apk add --no-cache $BUILD_DEPS\n'],
    ['pip with ==', 'FROM python:3\nRUN pip install flask==3.0.3 "requests[socks]==2.32.3"\n'],
    ['pip -r only', 'FROM python:3\nRUN pip install --no-cache-dir -r requirements.txt\n'],
    ['pip with constraints', 'FROM python:3\nRUN pip install -c constraints.txt flask\n'],
    ['pip of the project', 'FROM python:3\nRUN pip install . && pip install -e ./lib\n'],
    ['pip of a URL or wheel', 'FROM python:3\nRUN pip install https://x.example/p.tar.gz dist/p-1.0-py3-none-any.whl\n'],
    ['bare npm install and npm ci', 'FROM node:20\nRUN npm install && npm ci --omit=dev\n'],
    ['npm with versions', 'FROM node:20\nRUN npm install -g pnpm@9.12.0 @angular/cli@17.3.0\n'],
    ['npm of a path or git', 'FROM node:20\nRUN npm install ./local-pkg user/repo#v1\n'],
    ['gem with -v', 'FROM ruby:3\nRUN gem install bundler -v 2.5.22\n'],
    ['gem name:version', 'FROM ruby:3\nRUN gem install bundler:2.5.22\n'],
    ['apt-get update and upgrade', 'FROM debian\nRUN apt-get update && apt-get upgrade -y\n'],
    ['apt-get install -f', 'FROM debian\nRUN apt-get install -f -y\n'],
    ['an echo', 'FROM debian\nRUN echo "apt-get install curl"\n']
  ])('does not fire on %s', (_name, text) => {
    expect(dockerfile('DF022', text)).toEqual([])
  })
})
