import { describe, expect, it } from '@jest/globals'
import { UNKNOWN } from '../../src/compose/interpolate.js'
import { capabilityName, parsePortShort, parseVolumeShort, securityOption, toBoolean } from '../../src/compose/syntax.js'

describe('Compose short syntaxes', () => {
  it.each([
    ['true', true],
    ['"True"', undefined],
    ['yes', true],
    ['on', true],
    ['1', true],
    ['false', false],
    ['no', false],
    ['maybe', undefined]
  ])('boolean %s', (text, expected) => {
    expect(toBoolean(text)).toBe(expected)
  })

  it('normalises capability names', () => {
    expect(['sys_admin', 'CAP_SYS_ADMIN', 'cap_sys_admin', ' SYS_ADMIN '].map(capabilityName)).toEqual(Array(4).fill('SYS_ADMIN'))
  })

  it('splits security_opt at the first ":" or "="', () => {
    expect(securityOption('seccomp=unconfined')).toEqual({ key: 'seccomp', value: 'unconfined' })
    expect(securityOption('label:type:spc_t')).toEqual({ key: 'label', value: 'type:spc_t' })
    expect(securityOption('no-new-privileges')).toEqual({ key: 'no-new-privileges', value: undefined })
  })

  it.each([
    ['80', { hostIp: '', published: '', target: '80' }],
    ['8080:80', { hostIp: '', published: '8080', target: '80' }],
    ['127.0.0.1:8080:80/udp', { hostIp: '127.0.0.1', published: '8080', target: '80' }],
    ['127.0.0.1::5000', { hostIp: '127.0.0.1', published: '', target: '5000' }],
    ['[::1]:8080:80', { hostIp: '::1', published: '8080', target: '80' }],
    ['::1:8080:80', { hostIp: '::1', published: '8080', target: '80' }],
    ['0.0.0.0:8000-8010:8000-8010', { hostIp: '0.0.0.0', published: '8000-8010', target: '8000-8010' }],
    [`${UNKNOWN}:8080:80`, { hostIp: undefined, published: '8080', target: '80' }],
    [`${UNKNOWN}:80`, { hostIp: undefined, published: undefined, target: '80' }]
  ])('port %s', (text, expected) => {
    expect(parsePortShort(text)).toEqual(expected)
  })

  it.each([
    ['/data', { source: '', target: '/data', kind: 'volume', options: [] }],
    ['data:/data', { source: 'data', target: '/data', kind: 'volume', options: [] }],
    ['./data:/data:ro', { source: './data', target: '/data', kind: 'bind', options: ['ro'] }],
    ['/var/run/docker.sock:/var/run/docker.sock:ro,rshared', { source: '/var/run/docker.sock', kind: 'bind', options: ['ro', 'rshared'] }],
    ['~/.ssh:/root/.ssh', { source: '~/.ssh', kind: 'bind' }],
    ['C:\\Users\\me:/data', { source: 'C:\\Users\\me', target: '/data', kind: 'bind' }],
    [`${UNKNOWN}/docker.sock:/var/run/docker.sock`, { source: undefined, sourceShape: `${UNKNOWN}/docker.sock`, kind: 'bind' }]
  ])('volume %s', (text, expected) => {
    expect(parseVolumeShort(text)).toMatchObject(expected)
  })
})
