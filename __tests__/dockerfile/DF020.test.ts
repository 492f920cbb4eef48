import { beforeAll, describe, expect, it } from '@jest/globals'
import { dockerfile, findingsOf, prepareEngine } from '../helpers.js'

beforeAll(prepareEngine)

describe('DF020 context-copied-without-dockerignore', () => {
  it.each([
    ['COPY . without .dockerignore', 'FROM node:20\nWORKDIR /app\nCOPY . .\n', ['3:6 low']],
    ['ADD .', 'FROM node:20\nADD . /app\n', ['2:5 low']],
    ['COPY ./', 'FROM node:20\nCOPY ./ /app/\n', ['2:6 low']],
    ['COPY . with flags', 'FROM node:20\nCOPY --chown=node:node . /app\n', ['2:24 low']],
    ['COPY . in the JSON form', 'FROM node:20\nCOPY [".", "/app"]\n', ['2:8 low']]
  ])('fires on %s', (_name, text, expected) => {
    expect(dockerfile('DF020', text)).toEqual(expected)
  })

  it('reports once per file, at the first copy, and counts the others', () => {
    const findings = findingsOf('DF020', { Dockerfile: 'FROM node:20 AS build\nCOPY . .\nFROM node:20\nCOPY . .\n' })
    expect(findings.map((f) => `${f.line}:${f.column} ${f.severity}`)).toEqual(['2:6 low'])
    expect(findings[0].message).toContain('(and 1 more COPY/ADD of the context in this file)')
  })

  it('looks for the .dockerignore in the Dockerfile\'s directory, not the repository root', () => {
    const files = { 'services/api/Dockerfile': 'FROM node:20\nCOPY . /app\n', '.dockerignore': '.git\n' }
    expect(findingsOf('DF020', files).map((f) => `${f.file}:${f.line}`)).toEqual(['services/api/Dockerfile:2'])
  })

  it.each([
    ['a .dockerignore beside the Dockerfile', { Dockerfile: 'FROM node:20\nCOPY . /app\n', '.dockerignore': '.git\n' }],
    ['a <Dockerfile>.dockerignore', { 'Dockerfile': 'FROM node:20\nCOPY . /app\n', 'Dockerfile.dockerignore': '.git\n' }],
    ['a custom-named Dockerfile with its own ignore file', { 'web/app.Dockerfile': 'FROM node:20\nCOPY . /app\n', 'web/app.Dockerfile.dockerignore': '.git\n' }],
    ['a subdirectory with its own .dockerignore', { 'web/Dockerfile': 'FROM node:20\nCOPY . /app\n', 'web/.dockerignore': '.git\n' }],
    ['COPY --from a stage', { Dockerfile: 'FROM node:20 AS build\nRUN mkdir /out\nFROM nginx:1.25\nCOPY --from=build . /usr/share/nginx/html\n' }],
    ['COPY of named paths', { Dockerfile: 'FROM node:20\nCOPY package.json src/ /app/\n' }],
    ['COPY of a dot-named directory', { Dockerfile: 'FROM node:20\nCOPY .config /app/.config\n' }]
  ])('does not fire with %s', (_name, files) => {
    const [path] = Object.keys(files)
    expect(findingsOf('DF020', files as Record<string, string>).filter((f) => f.file === path)).toEqual([])
  })
})
