import { beforeAll, describe, expect, it } from '@jest/globals'
import { dockerfile, prepareEngine } from '../helpers.js'

beforeAll(prepareEngine)

describe('DF021 healthcheck-missing', () => {
  it.each([
    ['a single stage without HEALTHCHECK', 'FROM nginx:1.25\nCOPY site /usr/share/nginx/html\n', ['1:1 info']],
    ['the final stage, once', 'FROM node:20 AS build\nRUN npm ci\nFROM node:20-slim\nCMD ["node", "server.js"]\n', ['3:1 info']],
    ['a HEALTHCHECK only in a build stage the final stage is not built on', 'FROM node:20 AS build\nHEALTHCHECK CMD true\nFROM nginx:1.25\n', ['3:1 info']],
    ['a scratch image that starts a program', 'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n', ['3:1 info']]
  ])('fires on %s', (_name, text, expected) => {
    expect(dockerfile('DF021', text)).toEqual(expected)
  })

  it.each([
    ['a HEALTHCHECK', 'FROM nginx:1.25\nHEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1\n'],
    ['HEALTHCHECK NONE', 'FROM nginx:1.25\nHEALTHCHECK NONE\n'],
    ['a HEALTHCHECK inherited from the stage the final stage is built on', 'FROM nginx:1.25 AS base\nHEALTHCHECK CMD curl -f http://localhost/\nFROM base\nCOPY site /usr/share/nginx/html\n'],
    ['a scratch stage that only exports build output', 'FROM golang:1.22 AS build\nRUN go build -o /out/app\nFROM scratch\nCOPY --from=build /out /\n'],
    ['a file without FROM', 'RUN true\n']
  ])('does not fire on %s', (_name, text) => {
    expect(dockerfile('DF021', text)).toEqual([])
  })
})
