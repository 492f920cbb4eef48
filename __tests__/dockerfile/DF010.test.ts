import { beforeAll, describe, expect, it } from '@jest/globals'
import { dockerfile, findingsOf, prepareEngine } from '../helpers.js'

beforeAll(prepareEngine)

describe('DF010 untrusted-registry', () => {
  it('is off unless trusted-registries is configured', () => {
    expect(dockerfile('DF010', 'FROM ghcr.io/acme/app:1\n')).toEqual([])
  })

  it.each([
    ['FROM another registry', ['docker.io'], 'FROM ghcr.io/acme/app:1\n', ['1:6 high']],
    ['Docker Hub when only another registry is trusted', ['ghcr.io'], 'FROM node:20\n', ['1:6 high']],
    ['a non-official Hub image when only docker.io/library is trusted', ['docker.io/library'], 'FROM bitnami/redis:7\n', ['1:6 high']],
    ['COPY --from an image', ['docker.io'], 'FROM node:20\nCOPY --from=quay.io/x/tools:1 /bin/t /t\n', ['2:13 high']],
    ['RUN --mount from an image', ['docker.io'], 'FROM node:20\nRUN --mount=from=ghcr.io/x/y:1,target=/y ls\n', ['2:18 high']],
    ['a host that only ends like a trusted wildcard', ['*.example.com'], 'FROM example.com.evil.io/app:1\n', ['1:6 high']],
    ['an image from a global ARG default', ['docker.io'], 'ARG REG=ghcr.io\nFROM ${REG}/acme/app:1\n', ['2:6 high']]
  ])('fires on %s', (_name, trusted, text, expected) => {
    expect(dockerfile('DF010', text, {}, { trustedRegistries: trusted })).toEqual(expected)
  })

  it.each([
    ['a Docker Hub short name', ['docker.io'], 'FROM node:20\n'],
    ['docker.io written out', ['docker.io'], 'FROM docker.io/library/node:20\n'],
    ['index.docker.io', ['docker.io'], 'FROM index.docker.io/library/node:20\n'],
    ['an entry written as index.docker.io', ['index.docker.io'], 'FROM node:20\n'],
    ['an official image under docker.io/library', ['docker.io/library'], 'FROM node:20\n'],
    ['an organisation prefix', ['ghcr.io/acme'], 'FROM ghcr.io/acme/app:1\n'],
    ['a wildcard host', ['*.example.com'], 'FROM registry.example.com/app:1\n'],
    ['an entry with a scheme and a trailing slash', ['https://GHCR.io/'], 'FROM ghcr.io/acme/app:1\n'],
    ['scratch', ['ghcr.io'], 'FROM scratch\n'],
    ['a stage alias', ['ghcr.io'], 'FROM ghcr.io/a/b:1 AS build\nFROM build\n'],
    ['an unresolvable reference', ['ghcr.io'], 'FROM ${BASE}\n']
  ])('does not fire on %s', (_name, trusted, text) => {
    expect(dockerfile('DF010', text, {}, { trustedRegistries: trusted })).toEqual([])
  })

  it('fires on everything when the list is empty', () => {
    expect(dockerfile('DF010', 'FROM node:20\n', {}, { trustedRegistries: [] })).toEqual(['1:6 high'])
  })

  it('names the registry and the list', () => {
    const [finding] = findingsOf('DF010', { Dockerfile: 'FROM ghcr.io/acme/app:1\n' }, { trustedRegistries: ['docker.io'] })
    expect(finding.message).toContain('comes from "ghcr.io", which is not in trusted-registries (docker.io)')
  })
})
