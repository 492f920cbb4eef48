import { beforeAll, describe, expect, it } from '@jest/globals'
import { scanPrepared } from '../../src/core/engine.js'
import { MemoryWorkspace } from '../../src/core/workspace.js'
import { isComposeName } from '../../src/compose/analyzer.js'
import { layeredWith } from '../../src/compose/project.js'
import { lines, prepareEngine, project } from './helpers.js'

beforeAll(prepareEngine)

describe('multi-file Compose projects', () => {
  it('reports each value in the file that writes it, once, when base and override are both scanned', () => {
    const files = {
      'compose.yaml': 'services:\n  web:\n    image: a:1\n    privileged: true\n',
      'compose.override.yaml': 'services:\n  web:\n    cap_add: [SYS_ADMIN]\n'
    }
    expect(project('DC001', files)).toEqual(['compose.yaml:4:5 critical'])
    expect(project('DC004', files)).toEqual(['compose.override.yaml:3:15 critical'])
  })

  it("reports in the base file what the override's values make of the base file's values", () => {
    const base = 'services:\n  web:\n    image: a:1\n    sysctls:\n      net.ipv4.ip_forward: "1"\n'
    // The sysctl is the container's own until the override shares the host's network.
    expect(project('DC019', { 'compose.yaml': base, 'compose.override.yaml': 'services:\n  web:\n    environment: {A: "1"}\n' })).toEqual([])
    expect(project('DC019', { 'compose.yaml': base, 'compose.override.yaml': 'services:\n  web:\n    network_mode: host\n' })).toEqual(['compose.yaml:5:7 medium'])
  })

  it('names the files layered with a file by the project-file rules, in its directory', () => {
    const paths = new Set(['compose.yaml', 'compose.yml', 'compose.override.yml', 'compose.prod.yaml', 'filebeat-compose.yml', 'a/docker-compose.yml', 'a/docker-compose.override.yml', 'b/compose.dev.yaml'])
    const layered = (path: string) => layeredWith(path, paths, isComposeName)
    expect(layered('compose.override.yml')).toEqual(['compose.yaml'])
    expect(layered('compose.prod.yaml')).toEqual(['compose.yaml'])
    expect(layered('compose.yaml')).toEqual(['compose.override.yml', 'compose.prod.yaml', 'filebeat-compose.yml'])
    // compose.yml is not the base Compose picks when compose.yaml is there: nothing is layered with it.
    expect(layered('compose.yml')).toEqual([])
    expect(layered('a/docker-compose.override.yml')).toEqual(['a/docker-compose.yml'])
    expect(layered('a/docker-compose.yml')).toEqual(['a/docker-compose.override.yml'])
    expect(layered('b/compose.dev.yaml')).toEqual([])
  })

  it('does not report what is missing on an override file for a service of the base', () => {
    const files = {
      'docker-compose.yml': 'services:\n  web:\n    image: a:1\n',
      'docker-compose.override.yml': 'services:\n  web:\n    environment: {DEBUG: "1"}\n'
    }
    for (const rule of ['DC005', 'DC008', 'DC013', 'DC014']) expect(project(rule, files)).toEqual([`docker-compose.yml:2:3 ${rule === 'DC013' ? 'info' : 'low'}`])
  })

  it('layers a variant file on the base only for services it does not define fully', () => {
    const files = {
      'compose.yaml': 'services:\n  web:\n    build: .\n    read_only: true\n',
      'compose.prod.yaml': 'services:\n  web:\n    mem_limit: 1g\n  db:\n    image: postgres\n'
    }
    // web in the variant only adds settings: its base definition owns it (and is read-only).
    // db in the variant is complete: it stands alone.
    expect(project('DC013', files)).toEqual(['compose.prod.yaml:4:3 info'])
    expect(project('DC015', files)).toEqual(['compose.prod.yaml:5:5 medium'])
  })

  it('resolves extends in the same file and in another file', () => {
    const files = {
      'compose.yaml': lines`
        services:
          base:
            image: a:1
            cap_drop: [ALL]
          web:
            extends: base
          worker:
            extends:
              file: common/services.yml
              service: hardened
      `,
      'common/services.yml': 'services:\n  hardened:\n    image: w:1\n    cap_drop: [ALL]\n    privileged: true\n'
    }
    expect(project('DC005', files)).toEqual([])
    // The extended file is not a Compose file by name: its values are checked once, where they are written.
    expect(project('DC001', files)).toEqual(['common/services.yml:5:5 critical'])
    // A fragment pulled in by extends is not judged for what it lacks.
    expect(project('DC008', files).filter((f) => f.startsWith('common/'))).toEqual([])
  })

  it('stops an extends cycle', () => {
    const files = { 'compose.yaml': 'services:\n  a:\n    extends: b\n  b:\n    extends: a\n    privileged: true\n' }
    expect(project('DC001', files)).toEqual(['compose.yaml:6:5 critical'])
  })

  it('checks a file pulled in by include once, even when several files include it', () => {
    const files = {
      'compose.yaml': 'include:\n  - infra/db.yml\nservices:\n  web:\n    image: a:1\n',
      'other/compose.yaml': 'include:\n  - path: ../infra/db.yml\nservices:\n  api:\n    image: b:1\n',
      'infra/db.yml': 'services:\n  db:\n    image: postgres:16\n    ports: ["5432:5432"]\n'
    }
    expect(project('DC012', files)).toEqual(['infra/db.yml:4:13 high'])
  })

  it('merges the documents of one file, reporting what is missing at the first definition', () => {
    const text = 'services:\n  web:\n    image: a:1\n---\nservices:\n  web:\n    read_only: true\n    privileged: true\n'
    expect(project('DC013', { 'compose.yaml': text })).toEqual([])
    expect(project('DC005', { 'compose.yaml': text })).toEqual(['compose.yaml:2:3 low'])
    expect(project('DC001', { 'compose.yaml': text })).toEqual(['compose.yaml:8:5 critical'])
  })

  it('honours !reset in an override', () => {
    const files = {
      'compose.yaml': 'services:\n  web:\n    image: a:1\n    read_only: true\n',
      'compose.override.yaml': 'services:\n  web:\n    read_only: !reset null\n'
    }
    expect(project('DC013', files)).toEqual(['compose.yaml:2:3 info'])
  })

  it('interpolates with the .env beside each file', () => {
    const files = {
      'a/compose.yaml': 'services:\n  web:\n    image: nginx:${TAG}\n',
      'a/.env': 'TAG=latest\n',
      'b/compose.yaml': 'services:\n  web:\n    image: nginx:${TAG}\n',
      'b/.env': 'TAG=1.27\n'
    }
    expect(project('DC015', files)).toEqual(['a/compose.yaml:3:5 medium'])
  })

  it('analyses a file the workspace will not serve (too large to read around) from the text it is given', () => {
    const workspace = new MemoryWorkspace({ 'compose.override.yaml': 'services:\n  web:\n    read_only: true\n' })
    const unreadable = { read: (p: string) => workspace.read(p), exists: (p: string) => p === 'compose.yaml' || workspace.exists(p) }
    const result = scanPrepared(
      [
        { path: 'compose.override.yaml', content: 'services:\n  web:\n    read_only: true\n' },
        { path: 'compose.yaml', content: 'services:\n  web:\n    image: a:1\n    privileged: true\n' }
      ],
      { workspace: unreadable }
    )
    expect(result.findings.filter((f) => f.ruleId === 'DC001').map((f) => `${f.file}:${f.line}`)).toEqual(['compose.yaml:4'])
  })
})
