import { beforeAll, describe, expect, it } from '@jest/globals'
import { compose, prepareEngine, project } from './helpers.js'

beforeAll(prepareEngine)

const service = (...settings: string[]) => `services:\n  web:\n${settings.map((s) => `    ${s}\n`).join('')}`

describe('DC015 image-unpinned', () => {
  it.each([
    ['no tag', 'image: nginx'],
    ['latest', 'image: nginx:latest'],
    ['stable', 'image: nginx:stable'],
    ['edge', 'image: alpine:edge'],
    ['nightly', 'image: example/app:nightly'],
    ['dev', 'image: example/app:dev'],
    ['canary', 'image: example/app:canary'],
    ['a registry with a port and no tag', 'image: registry.example.com:5000/team/app'],
    ['a default that is floating', 'image: nginx:${TAG:-latest}']
  ])('fires on %s, at the image entry', (_name, setting) => {
    expect(compose('DC015', service(setting))).toEqual(['3:5 medium'])
  })

  it.each([
    ['a version tag', 'image: nginx:1.27.3'],
    ['a digest', 'image: nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'],
    ['latest with a digest', 'image: nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'],
    ['a pinned default', 'image: nginx:${TAG:-1.2.3}'],
    ['an unknown tag', 'image: nginx:${TAG}']
  ])('does not fire on %s', (_name, setting) => {
    expect(compose('DC015', service(setting))).toEqual([])
  })

  it('does not fire on a service that builds (the image names the result), in any layer', () => {
    expect(compose('DC015', service('image: myapp', 'build: .'))).toEqual([])
    expect(
      project('DC015', {
        'compose.yaml': 'services:\n  web:\n    build: .\n',
        'compose.override.yaml': 'services:\n  web:\n    image: registry.example.com/myapp\n'
      })
    ).toEqual([])
  })
})
