import { beforeAll, describe, expect, it } from '@jest/globals'
import { dockerfile, prepareEngine } from '../helpers.js'

beforeAll(prepareEngine)

const DIGEST = '@sha256:' + 'b'.repeat(64)

describe('DF009 image-not-digest-pinned', () => {
  it.each([
    ['FROM with a version tag', 'FROM node:20.11\n', ['1:6 info']],
    ['COPY --from an image with a tag', 'FROM alpine:3.19\nCOPY --from=nginx:1.25 /etc/nginx /etc/nginx\n', ['1:6 info', '2:13 info']],
    ['RUN --mount from an image with a tag', `FROM alpine${DIGEST}\nRUN --mount=from=golang:1.22,target=/go ls\n`, ['2:18 info']],
    ['a tag from a global ARG', 'ARG V=3.12\nFROM python:${V}\n', ['2:6 info']]
  ])('fires on %s', (_name, text, expected) => {
    expect(dockerfile('DF009', text)).toEqual(expected)
  })

  it.each([
    ['a digest', `FROM node:20.11${DIGEST}\n`],
    ['scratch', 'FROM scratch\n'],
    ['a stage alias', `FROM node${DIGEST} AS build\nFROM build\n`],
    ['no tag (DF008 reports it)', 'FROM node\n'],
    ['a floating tag (DF008 reports it)', 'FROM node:latest\n'],
    ['an unresolvable reference', 'FROM node:${NODE_VERSION}\n']
  ])('does not fire on %s', (_name, text) => {
    expect(dockerfile('DF009', text)).toEqual([])
  })
})
