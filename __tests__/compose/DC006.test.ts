import { beforeAll, describe, expect, it } from '@jest/globals'
import { compose, composeFindings, prepareEngine } from './helpers.js'

beforeAll(prepareEngine)

const service = (setting: string) => `services:\n  web:\n    image: a:1\n    ${setting}\n`

describe('DC006 host-namespace', () => {
  it.each([
    ['network_mode: host', 'high'],
    ['network_mode: "host"', 'high'],
    ['pid: host', 'high'],
    ['ipc: host', 'high'],
    ['uts: host', 'medium'],
    ['userns_mode: host', 'medium'],
    ['cgroup: host', 'medium'],
    ['network_mode: ${NET:-host}', 'high']
  ])('fires on %s', (setting, severity) => {
    expect(compose('DC006', service(setting))).toEqual([`4:5 ${severity}`])
  })

  it('reads the format-1 spelling net: host, quoting it as written', () => {
    const findings = composeFindings('DC006', 'services:\n  web:\n    image: a:1\n    net: host\n')
    expect(findings.map((f) => `${f.line}:${f.column} ${f.severity}`)).toEqual(['4:5 high'])
    expect(findings[0].message).toContain('"net: host"')
  })

  it.each([
    ['service:x', 'network_mode: service:db'],
    ['container:x', 'pid: container:other'],
    ['bridge', 'network_mode: bridge'],
    ['none', 'network_mode: none'],
    ['shareable', 'ipc: shareable'],
    ['private', 'cgroup: private'],
    ['an unknown value', 'network_mode: ${NET}']
  ])('does not fire on %s', (_name, setting) => {
    expect(compose('DC006', service(setting))).toEqual([])
  })
})
