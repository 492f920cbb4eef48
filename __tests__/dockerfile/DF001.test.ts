import { beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { dockerfile, findingsOf, lines, prepareEngine } from '../helpers.js'

/** The official images of the real-world corpus (their Dockerfiles only; the entrypoints are given here). */
const CORPUS = join(import.meta.dirname ?? '.', '..', '..', '..', 'shared', 'corpus', 'real')

beforeAll(prepareEngine)

/** The postgres image's pattern: COPY an entrypoint into PATH, ENTRYPOINT by bare name, gosu inside. */
const POSTGRES_LIKE = lines`
  FROM debian:bookworm-slim
  RUN groupadd -r postgres && useradd -r -g postgres postgres
  COPY docker-entrypoint.sh docker-ensure-initdb.sh /usr/local/bin/
  ENTRYPOINT ["docker-entrypoint.sh"]
  CMD ["postgres"]
`
const GOSU_SCRIPT = lines`
  #!/usr/bin/env bash
  set -Eeo pipefail
  if [ "$1" = 'postgres' ] && [ "$(id -u)" = '0' ]; then
    exec gosu postgres "$BASH_SOURCE" "$@"
  fi
  exec "$@"
`

describe('DF001 root-user', () => {
  it.each([
    ['no USER at all', 'FROM alpine:3.19\nRUN apk add curl\n', ['1:1 high']],
    ['USER root last', 'FROM alpine:3.19\nUSER app\nUSER root\n', ['3:6 high']],
    ['USER 0', 'FROM alpine:3.19\nUSER 0\n', ['2:6 high']],
    ['USER root:root', 'FROM alpine:3.19\nUSER root:root\n', ['2:6 high']],
    ['USER 0:0', 'FROM alpine:3.19\nUSER 0:0\n', ['2:6 high']],
    ['USER root:wheel', 'FROM alpine:3.19\nUSER root:wheel\n', ['2:6 high']],
    ['USER from an ARG that resolves to root', 'FROM alpine:3.19\nARG RUN_AS=root\nUSER ${RUN_AS}\n', ['3:6 high']],
    ['a non-root USER only in a build stage', 'FROM golang:1.22 AS build\nUSER app\nFROM alpine:3.19\nCOPY --from=build /app /app\n', ['3:1 high']],
    ['USER root in the stage the final stage is built on', 'FROM alpine:3.19 AS base\nUSER root\nFROM base\nRUN id\n', ['2:6 high']],
    ['no USER in a chain of stages', 'FROM alpine:3.19 AS base\nFROM base AS mid\nFROM mid\nRUN id\n', ['3:1 high']],
    ['USER only in ONBUILD', 'FROM alpine:3.19\nONBUILD USER app\n', ['1:1 high']],
    ['a Chainguard -dev image', 'FROM cgr.dev/chainguard/python:latest-dev\n', ['1:1 high']],
    ['Chainguard wolfi-base', 'FROM cgr.dev/chainguard/wolfi-base:latest\n', ['1:1 high']],
    ['bitnami/minideb', 'FROM bitnami/minideb:bookworm\n', ['1:1 high']],
    ['a distroless image without nonroot', 'FROM gcr.io/distroless/static-debian12\n', ['1:1 high']],
    ['FROM scratch', 'FROM golang:1.22 AS build\nUSER app\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n', ['3:1 high']]
  ])('fires on %s', (_name, text, expected) => {
    expect(dockerfile('DF001', text)).toEqual(expected)
  })

  it('reports only the final stage', () => {
    const text = 'FROM alpine:3.19 AS build\nUSER root\nRUN make\nFROM alpine:3.19\nUSER 10001\n'
    expect(dockerfile('DF001', text)).toEqual([])
  })

  it.each([
    ['a named USER', 'FROM alpine:3.19\nUSER app\n'],
    ['a numeric USER and group', 'FROM alpine:3.19\nUSER 1000:1000\n'],
    ['USER root then a non-root USER', 'FROM alpine:3.19\nUSER root\nRUN apk add curl\nUSER nobody\n'],
    ['a USER with an unresolvable variable', 'FROM alpine:3.19\nUSER ${APP_USER}\n'],
    ['a non-root USER inherited through FROM <alias>', 'FROM alpine:3.19 AS base\nUSER app\nFROM base\nRUN id\n'],
    ['an alias written in another case', 'FROM alpine:3.19 AS Base\nUSER app\nFROM base\n'],
    ['a :nonroot distroless image', 'FROM gcr.io/distroless/static-debian12:nonroot\n'],
    ['a -nonroot tag', 'FROM gcr.io/distroless/base-debian12:debug-nonroot\n'],
    ['a -rootless tag', 'FROM docker:26-dind-rootless\n'],
    ['a Chainguard image', 'FROM cgr.dev/chainguard/static:latest\n'],
    ['a Bitnami image', 'FROM bitnami/redis:7.2\n'],
    ['nginx-unprivileged', 'FROM nginxinc/nginx-unprivileged:1.25-alpine\n'],
    ['an Elastic Stack image', 'ARG ELASTIC_VERSION\nFROM docker.elastic.co/elasticsearch/elasticsearch:${ELASTIC_VERSION:-8.13.0}\n'],
    ['a .NET chiseled image', 'FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled\n'],
    ['Windows Nano Server (ContainerUser)', 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n'],
    ['Windows Server Core switched to ContainerUser', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerUser\n'],
    ['a file without FROM', 'RUN id\n']
  ])('does not fire on %s', (_name, text) => {
    expect(dockerfile('DF001', text)).toEqual([])
  })

  it.each([
    ['a repository', 'registry.example.com/base/python', 'FROM registry.example.com/base/python:3.12\n'],
    ['a glob over repositories', 'registry.example.com/base/*', 'FROM registry.example.com/base/python:3.12\n'],
    ['a repository and tag', 'myorg/app:1.2', 'FROM myorg/app:1.2\n'],
    ['a Docker Hub name written in full', 'docker.io/myorg/app', 'FROM myorg/app:1.2\n'],
    ['a tag glob', '*:hardened', 'FROM ghcr.io/acme/node:hardened\n']
  ])('trusts configured non-root images: %s', (_name, pattern, text) => {
    expect(dockerfile('DF001', text, {}, { nonRootImages: [pattern] })).toEqual([])
  })

  it('does not trust a configured repository:tag for another tag', () => {
    expect(dockerfile('DF001', 'FROM myorg/app:1.3\n', {}, { nonRootImages: ['myorg/app:1.2'] })).toEqual(['1:1 high'])
  })

  it('says what makes the image root, in the file\'s words', () => {
    const [finding] = findingsOf('DF001', { Dockerfile: 'FROM alpine:3.19 AS base\nFROM base\n' })
    expect(finding.message).toContain('no USER is set in the final stage ("FROM base") nor in the stages it is built on (down to "FROM alpine:3.19 AS base")')
  })

  describe('Windows images', () => {
    it('fires at medium on Server Core, which starts as ContainerAdministrator', () => {
      const [finding] = findingsOf('DF001', { Dockerfile: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["cmd"]\n' })
      expect([finding.line, finding.column, finding.severity]).toEqual([1, 1, 'medium'])
      expect(finding.message).toContain('ContainerAdministrator')
    })

    it('fires at medium on USER ContainerAdministrator last', () => {
      const text = 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerAdministrator\n'
      expect(dockerfile('DF001', text)).toEqual(['2:6 medium'])
    })

    it('recognises images built on Server Core by their tag', () => {
      expect(dockerfile('DF001', 'FROM python:3.12-windowsservercore-ltsc2022\n')).toEqual(['1:1 medium'])
    })
  })

  describe('privilege drop in the entrypoint', () => {
    it('reports at low when a COPY\'d entrypoint script drops privileges with gosu (postgres)', () => {
      const findings = findingsOf('DF001', { '17/bookworm/Dockerfile': POSTGRES_LIKE, '17/bookworm/docker-entrypoint.sh': GOSU_SCRIPT })
      expect(findings.map((f) => `${f.line}:${f.column} ${f.severity}`)).toEqual(['1:1 low'])
      expect(findings[0].message).toContain('starts as root and drops privileges in its entrypoint ("gosu" in 17/bookworm/docker-entrypoint.sh:4)')
    })

    it('reports at high, saying so, when the entrypoint script is not in the repository', () => {
      const findings = findingsOf('DF001', { '17/bookworm/Dockerfile': POSTGRES_LIKE })
      expect(findings.map((f) => `${f.line}:${f.column} ${f.severity}`)).toEqual(['1:1 high'])
      expect(findings[0].message).toContain('"17/bookworm/docker-entrypoint.sh" could not be read from the repository')
    })

    it('infers the drop at low when the script is not in the scanned files but the image installs gosu', () => {
      const withGosu = POSTGRES_LIKE.replace('RUN groupadd', 'RUN apt-get install -y gosu && gosu nobody true\nRUN groupadd')
      const findings = findingsOf('DF001', { '17/bookworm/Dockerfile': withGosu })
      expect(findings.map((f) => `${f.line}:${f.column} ${f.severity}`)).toEqual(['1:1 low'])
      expect(findings[0].message).toContain('it installs "gosu" at line 2')
      expect(findings[0].message).toContain('17/bookworm/docker-entrypoint.sh is not in the scanned files')
    })

    it('does not infer a drop when the readable script does not drop, even if gosu is installed', () => {
      const withGosu = POSTGRES_LIKE.replace('RUN groupadd', 'RUN apk add su-exec\nRUN groupadd')
      expect(dockerfile('DF001', withGosu, { 'docker-entrypoint.sh': '#!/bin/sh\nexec "$@"\n' })).toEqual(['1:1 high'])
    })

    it('reports the official images of the corpus at low (their entrypoint scripts are not in it)', () => {
      const official = ['docker-library__postgres/17/bookworm', 'docker-library__redis/7.2/alpine', 'docker-library__mongo/8.0']
      for (const dir of official) {
        const path = join(CORPUS, dir, 'Dockerfile')
        if (!existsSync(path)) continue
        const findings = findingsOf('DF001', { [`${dir}/Dockerfile`]: readFileSync(path, 'utf8') })
        expect(findings.map((f) => f.severity)).toEqual(['low'])
      }
    })

    it('reports at high when the entrypoint script does not drop privileges', () => {
      const script = '#!/bin/sh\nset -e\nexec "$@"\n'
      expect(dockerfile('DF001', POSTGRES_LIKE, { 'docker-entrypoint.sh': script })).toEqual(['1:1 high'])
    })

    it('follows a COPY to an explicit file name (redis)', () => {
      const text = 'FROM debian:bookworm-slim\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["redis-server"]\n'
      const script = '#!/bin/sh\nset -e\nif [ "$1" = \'redis-server\' -a "$(id -u)" = \'0\' ]; then\n\tfind . \\! -user redis -exec chown redis \'{}\' +\n\texec gosu redis "$0" "$@"\nfi\nexec "$@"\n'
      expect(dockerfile('DF001', text, { 'docker-entrypoint.sh': script })).toEqual(['1:1 low'])
    })

    it.each([
      ['gosu', 'ENTRYPOINT ["gosu", "app", "server"]'],
      ['su-exec', 'ENTRYPOINT ["su-exec", "app:app", "server"]'],
      ['setpriv --reuid', 'ENTRYPOINT ["setpriv", "--reuid=1000", "--regid=1000", "--init-groups", "server"]'],
      ['runuser -u', 'CMD runuser -u app -- server'],
      ['chroot --userspec', 'CMD ["chroot", "--userspec=app:app", "/", "server"]'],
      ['s6-setuidgid', 'CMD ["s6-setuidgid", "app", "server"]'],
      ['su <user> -c', 'CMD su app -s /bin/sh -c "server --port 80"'],
      ['exec gosu in a shell form', 'CMD exec gosu app server'],
      ['gosu inside sh -c', 'CMD ["sh", "-c", "chown -R app /data && exec gosu app server"]']
    ])('reports at low when ENTRYPOINT/CMD runs %s', (_name, line) => {
      expect(dockerfile('DF001', `FROM debian:bookworm-slim\n${line}\n`)).toEqual(['1:1 low'])
    })

    it.each([
      ['gosu root', 'ENTRYPOINT ["gosu", "root", "server"]'],
      ['setpriv without --reuid', 'ENTRYPOINT ["setpriv", "--no-new-privs", "server"]'],
      ['chroot without --userspec', 'CMD ["chroot", "/srv", "server"]'],
      ['su without -c', 'CMD ["su", "app"]'],
      ['su -c to root', 'CMD su root -c server'],
      ['gosu only installed', 'RUN apt-get install -y gosu && gosu nobody true\nCMD ["server"]']
    ])('keeps high when the command does not drop privileges: %s', (_name, line) => {
      expect(dockerfile('DF001', `FROM debian:bookworm-slim\n${line}\n`)).toEqual(['1:1 high'])
    })

    it('accepts the commands the configuration adds', () => {
      const text = 'FROM debian:bookworm-slim\nENTRYPOINT ["/usr/local/bin/drop-to", "app", "server"]\n'
      expect(dockerfile('DF001', text, {}, { privilegeDropCommands: ['drop-to'] })).toEqual(['1:1 low'])
    })

    it('looks through init wrappers and shells to the script they start', () => {
      const script = '#!/bin/sh\nexec su-exec app "$@"\n'
      const tini = 'FROM alpine:3.19\nCOPY entrypoint.sh /\nENTRYPOINT ["/sbin/tini", "--", "/entrypoint.sh"]\n'
      const shell = 'FROM alpine:3.19\nCOPY entrypoint.sh /opt/\nCMD ["sh", "/opt/entrypoint.sh", "server"]\n'
      expect(dockerfile('DF001', tini, { 'entrypoint.sh': script })).toEqual(['1:1 low'])
      expect(dockerfile('DF001', shell, { 'entrypoint.sh': script })).toEqual(['1:1 low'])
    })

    it('resolves relative paths against WORKDIR, directory copies and the Dockerfile\'s directory', () => {
      const relative = 'FROM alpine:3.19\nWORKDIR /app\nCOPY start.sh .\nCMD ["./start.sh"]\n'
      const directory = 'FROM alpine:3.19\nCOPY scripts/ /usr/local/bin/\nENTRYPOINT ["start.sh"]\n'
      const script = '#!/bin/sh\nexec gosu app "$@"\n'
      expect(dockerfile('DF001', relative, { 'start.sh': script })).toEqual(['1:1 low'])
      expect(dockerfile('DF001', directory, { 'scripts/start.sh': script })).toEqual(['1:1 low'])
      const nested = findingsOf('DF001', { 'services/api/Dockerfile': relative, 'services/api/start.sh': script, 'start.sh': '#!/bin/sh\nexec "$@"\n' })
      expect(nested.map((f) => f.severity)).toEqual(['low'])
    })

    it('inherits ENTRYPOINT from the stage the final stage is built on', () => {
      const text = 'FROM alpine:3.19 AS base\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\nFROM base\nRUN apk add curl\n'
      expect(dockerfile('DF001', text, { 'entrypoint.sh': '#!/bin/sh\nexec gosu app "$@"\n' })).toEqual(['4:1 low'])
    })

    it('follows a script that starts another script of the repository', () => {
      const text = 'FROM alpine:3.19\nCOPY entrypoint.sh drop.sh /usr/local/bin/\nENTRYPOINT ["entrypoint.sh"]\n'
      const files = { 'entrypoint.sh': '#!/bin/sh\nexec /usr/local/bin/drop.sh "$@"\n', 'drop.sh': '#!/bin/sh\nexec setpriv --reuid=app --regid=app --init-groups "$@"\n' }
      const [finding] = findingsOf('DF001', { Dockerfile: text, ...files })
      expect(finding.severity).toBe('low')
      expect(finding.message).toContain('"setpriv --reuid" in drop.sh:2')
    })

    it.each([
      ['postgres', 'docker-library__postgres/17/bookworm/Dockerfile', 'exec gosu postgres "$BASH_SOURCE" "$@"'],
      ['redis', 'docker-library__redis/7.2/alpine/Dockerfile', 'exec gosu redis "$0" "$@"'],
      ['mongo', 'docker-library__mongo/8.0/Dockerfile', 'exec gosu mongodb "$BASH_SOURCE" "$@"']
    ])('reports the official %s image at low, given its entrypoint', (_name, path, drop) => {
      const file = join(CORPUS, path)
      if (!existsSync(file)) return
      const script = `#!/bin/bash\nset -e\nif [ "$(id -u)" = '0' ]; then\n\t${drop}\nfi\nexec "$@"\n`
      const findings = findingsOf('DF001', { Dockerfile: readFileSync(file, 'utf8'), 'docker-entrypoint.sh': script })
      expect(findings.map((f) => `${f.line} ${f.severity}`)).toEqual(['7 low'])
      expect(findings[0].message).toContain('"gosu" in docker-entrypoint.sh:4')
    })

    it('does not read a script written in another language as shell', () => {
      const text = 'FROM python:3.12-slim\nCOPY entrypoint.py /\nENTRYPOINT ["/entrypoint.py"]\n'
      const script = '#!/usr/bin/env python3\nimport os\nos.system("gosu app server")\n'
      expect(dockerfile('DF001', text, { 'entrypoint.py': script })).toEqual(['1:1 high'])
    })
  })
})
