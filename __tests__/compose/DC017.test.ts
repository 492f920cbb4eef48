import { beforeAll, describe, expect, it } from '@jest/globals'
import { compose, prepareEngine } from './helpers.js'

beforeAll(prepareEngine)

const image = (ref: string) => `services:\n  web:\n    image: ${ref}\n`

describe('DC017 untrusted-registry', () => {
  it('is off unless trusted-registries is configured', () => {
    expect(compose('DC017', image('quay.io/team/app:1.0'))).toEqual([])
  })

  it.each([
    ['another registry', 'quay.io/team/app:1.0', ['ghcr.io']],
    ['Docker Hub when not listed', 'nginx:1.27', ['ghcr.io']],
    ['another organisation of a trusted registry', 'ghcr.io/other/app:1', ['ghcr.io/myorg']]
  ])('fires on %s', (_name, ref, trusted) => {
    expect(compose('DC017', image(ref), {}, { trustedRegistries: trusted })).toEqual(['3:5 high'])
  })

  it.each([
    ['Docker Hub as docker.io', 'nginx:1.27', ['docker.io']],
    ['Docker Hub official images', 'nginx:1.27', ['docker.io/library']],
    ['Docker Hub by another name', 'docker.io/library/nginx:1.27', ['index.docker.io']],
    ['a trusted organisation', 'ghcr.io/myorg/app:1', ['ghcr.io/myorg']],
    ['a service that builds', 'quay.io/x/app:1\n    build: .', ['ghcr.io']],
    ['an unknown registry', '${REGISTRY}/app:1', ['ghcr.io']]
  ])('does not fire on %s', (_name, ref, trusted) => {
    expect(compose('DC017', image(ref), {}, { trustedRegistries: trusted })).toEqual([])
  })
})
