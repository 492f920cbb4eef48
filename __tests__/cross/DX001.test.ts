import { beforeAll, describe, expect, it } from '@jest/globals'
import { findingsOf, lines, prepareEngine } from '../helpers.js'

beforeAll(prepareEngine)

// Written against the catalog; the root decision is stageUser (src/dockerfile/privileges.ts), shared with DF001.
function dx001(files: Record<string, string>): string[] {
  return findingsOf('DX001', files).map((f) => `${f.file}:${f.line}:${f.column} ${f.severity}`)
}

const ROOT = 'FROM debian:12\nRUN apt-get update\nCMD ["app"]\n'
const NON_ROOT = 'FROM debian:12\nRUN useradd -u 1000 app\nUSER app\nCMD ["app"]\n'

describe('DX001 service-runs-as-root', () => {
  it('fires on a service that builds a Dockerfile running as root, at build:, naming the Dockerfile and line', () => {
    const files = { 'compose.yaml': 'services:\n  web:\n    build: .\n', Dockerfile: ROOT }
    expect(dx001(files)).toEqual(['compose.yaml:3:5 high'])
    const [finding] = findingsOf('DX001', files)
    expect(finding.message).toContain('Dockerfile "Dockerfile"')
    expect(finding.message).toContain('line 1')
  })

  it('resolves context, dockerfile and target relative to the Compose file', () => {
    const files = {
      'deploy/compose.yaml': lines`
        services:
          api:
            build:
              context: ../src
              dockerfile: docker/api.Dockerfile
              target: runtime
          worker:
            build:
              context: ../src
              dockerfile: docker/api.Dockerfile
              target: hardened
      `,
      'src/docker/api.Dockerfile': 'FROM node:22 AS runtime\nCMD ["node"]\n\nFROM node:22 AS hardened\nUSER node\n'
    }
    expect(dx001(files)).toEqual(['deploy/compose.yaml:3:5 high'])
    expect(findingsOf('DX001', files)[0].message).toContain('(stage "runtime")')
  })

  it('fires on the root USER line of the stage', () => {
    const files = { 'compose.yaml': 'services:\n  web:\n    build: .\n', Dockerfile: 'FROM node:22\nUSER node\nUSER root\n' }
    expect(findingsOf('DX001', files)[0].message).toContain('line 3')
  })

  it('reports at low when the stage drops privileges in its entrypoint', () => {
    const files = {
      'compose.yaml': 'services:\n  db:\n    build: .\n',
      Dockerfile: 'FROM debian:12\nRUN apt-get install -y gosu\nENTRYPOINT ["gosu", "postgres", "postgres"]\n'
    }
    expect(dx001(files)).toEqual(['compose.yaml:3:5 low'])
  })

  it('reads dockerfile_inline', () => {
    const text = lines`
      services:
        web:
          build:
            context: .
            dockerfile_inline: |
              FROM alpine:3.20
              RUN apk add curl
    `
    expect(dx001({ 'compose.yaml': text })).toEqual(['compose.yaml:3:5 high'])
  })

  it.each([
    ['a non-root user: on the service', { 'compose.yaml': 'services:\n  web:\n    build: .\n    user: "1000:1000"\n', Dockerfile: ROOT }],
    ['user: root (DC009 reports it)', { 'compose.yaml': 'services:\n  web:\n    build: .\n    user: root\n', Dockerfile: ROOT }],
    ['an unknown user:', { 'compose.yaml': 'services:\n  web:\n    build: .\n    user: ${UID}\n', Dockerfile: ROOT }],
    ['a non-root Dockerfile', { 'compose.yaml': 'services:\n  web:\n    build: .\n', Dockerfile: NON_ROOT }],
    ['a non-root USER inherited from an earlier stage', { 'compose.yaml': 'services:\n  web:\n    build: .\n', Dockerfile: 'FROM debian:12 AS base\nUSER 1000\nFROM base\nCMD ["x"]\n' }],
    ['a Dockerfile missing from the repository', { 'compose.yaml': 'services:\n  web:\n    build: ./missing\n' }],
    ['a remote context', { 'compose.yaml': 'services:\n  web:\n    build: https://github.com/example/app.git#main\n' }],
    ['a context outside the repository', { 'compose.yaml': 'services:\n  web:\n    build: ../../elsewhere\n' }],
    ['an unknown target stage', { 'compose.yaml': 'services:\n  web:\n    build:\n      context: .\n      target: nope\n', Dockerfile: ROOT }],
    ['an image without build', { 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n', Dockerfile: ROOT }],
    [
      'a WebAssembly service',
      { 'compose.yaml': 'services:\n  web:\n    build: .\n    platform: wasi/wasm\n    runtime: io.containerd.wasmedge.v1\n', Dockerfile: 'FROM scratch\nCOPY app.wasm /\n' }
    ]
  ])('does not fire with %s', (_name, files) => {
    expect(dx001(files)).toEqual([])
  })

  it('uses the merged project: user: in the base file, build: in the override', () => {
    expect(
      dx001({
        'compose.yaml': 'services:\n  web:\n    image: app:1\n    user: app\n',
        'compose.override.yaml': 'services:\n  web:\n    build: .\n',
        Dockerfile: ROOT
      })
    ).toEqual([])
    expect(
      dx001({
        'compose.yaml': 'services:\n  web:\n    build: .\n',
        'compose.override.yaml': 'services:\n  web:\n    ports: ["8080:80"]\n',
        Dockerfile: ROOT
      })
    ).toEqual(['compose.yaml:3:5 high'])
  })
})
