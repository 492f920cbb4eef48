import { beforeAll, describe, expect, it } from '@jest/globals'
import { dockerfile, findingsOf, prepareEngine } from '../helpers.js'

beforeAll(prepareEngine)

const DIGEST = '@sha256:' + 'a'.repeat(64)

describe('DF008 image-unpinned', () => {
  it.each([
    ['FROM without a tag', 'FROM node\n', ['1:6 medium']],
    ['FROM :latest', 'FROM node:latest\n', ['1:6 medium']],
    ['FROM with --platform and :latest', 'FROM --platform=$BUILDPLATFORM node:latest AS build\n', ['1:32 medium']],
    ['each floating tag', 'FROM alpine:edge\nFROM debian:stable\nFROM busybox:nightly\nFROM x/y:dev\nFROM x/z:canary\n', ['1:6 medium', '2:6 medium', '3:6 medium', '4:6 medium', '5:6 medium']],
    ['a registry with a port and no tag', 'FROM registry.local:5000/team/app\n', ['1:6 medium']],
    ['a global ARG default that resolves to latest', 'ARG TAG=latest\nFROM node:${TAG}\n', ['2:6 medium']],
    ['a whole image from a global ARG default', 'ARG BASE=python\nFROM $BASE\n', ['2:6 medium']],
    ['COPY --from an image', 'FROM alpine:3.19\nCOPY --from=nginx:latest /etc/nginx /etc/nginx\n', ['2:13 medium']],
    ['COPY --from an image without a tag', 'FROM alpine:3.19\nCOPY --from=gloursdocker/docker / /\n', ['2:13 medium']],
    ['COPY --from an image named by a stage ARG', 'FROM alpine:3.19\nARG TOOLS=busybox\nCOPY --from=${TOOLS} /bin/busybox /busybox\n', ['3:13 medium']],
    ['RUN --mount from an image', 'FROM alpine:3.19\nRUN --mount=type=bind,from=golang,source=/usr/local/go,target=/go ls /go\n', ['2:28 medium']],
    ['every stage, not only the first', 'FROM node:20 AS build\nFROM nginx\n', ['2:6 medium']]
  ])('fires on %s', (_name, text, expected) => {
    expect(dockerfile('DF008', text)).toEqual(expected)
  })

  it.each([
    ['scratch', 'FROM scratch\n'],
    ['a version tag', 'FROM node:20.11-bookworm-slim\n'],
    ['a stage alias', 'FROM node:20 AS build\nFROM build\n'],
    ['a stage alias in another case', 'FROM node:20 AS Build\nFROM build\n'],
    ['a stage alias with --platform', 'FROM --platform=$BUILDPLATFORM node:20 AS build\nFROM --platform=$TARGETPLATFORM build\n'],
    ['a digest', `FROM node${DIGEST}\n`],
    ['a floating tag with a digest', `FROM node:latest${DIGEST}\n`],
    ['an unresolvable tag', 'ARG NODE_VERSION\nFROM node:${NODE_VERSION}\n'],
    ['an unresolvable image', 'FROM ${BASE_IMAGE}\n'],
    ['a stage ARG, which FROM cannot see', 'FROM alpine:3.19 AS a\nARG TAG=latest\nFROM node:${TAG}\n'],
    ['COPY --from a stage', 'FROM node:20 AS build\nFROM nginx:1.25\nCOPY --from=build /app /usr/share/nginx/html\n'],
    ['COPY --from a stage index', 'FROM node:20\nFROM nginx:1.25\nCOPY --from=0 /app /usr/share/nginx/html\n'],
    ['RUN --mount without from', 'FROM alpine:3.19\nRUN --mount=type=cache,target=/root/.cache ls\n'],
    ['RUN --mount from a stage', 'FROM golang:1.22 AS go\nFROM alpine:3.19\nRUN --mount=from=go,source=/usr/local/go,target=/go ls\n']
  ])('does not fire on %s', (_name, text) => {
    expect(dockerfile('DF008', text)).toEqual([])
  })

  it('quotes the reference as written and as resolved', () => {
    const [finding] = findingsOf('DF008', { Dockerfile: 'ARG TAG=latest\nFROM node:${TAG}\n' })
    expect(finding.message).toContain('FROM "node:${TAG}" (resolved to "node:latest") uses the floating tag "latest"')
  })
})
