import { beforeAll, describe, expect, it } from '@jest/globals'
import { compose, prepareEngine } from './helpers.js'

beforeAll(prepareEngine)

const caps = (...items: string[]) => `services:\n  web:\n    image: a:1\n    cap_add:\n${items.map((i) => `      - ${i}\n`).join('')}`

describe('DC004 dangerous-capability', () => {
  it.each([
    ['SYS_ADMIN', 'critical'],
    ['ALL', 'critical'],
    ['all', 'critical'],
    ['CAP_SYS_ADMIN', 'critical'],
    ['cap_sys_admin', 'critical'],
    ['SYS_MODULE', 'high'],
    ['SYS_RAWIO', 'high'],
    ['SYS_PTRACE', 'high'],
    ['SYS_BOOT', 'high'],
    ['DAC_READ_SEARCH', 'high'],
    ['NET_ADMIN', 'high'],
    ['MAC_ADMIN', 'high'],
    ['MAC_OVERRIDE', 'high'],
    ['BPF', 'high'],
    ['PERFMON', 'high'],
    ['SYSLOG', 'high'],
    ['SYS_TIME', 'high'],
    ['"${CAP:-SYS_ADMIN}"', 'critical']
  ])('fires on %s, at the item', (cap, severity) => {
    expect(compose('DC004', caps(cap))).toEqual([`5:9 ${severity}`])
  })

  it('fires once per dangerous item, in a flow list too, even after cap_drop: [ALL]', () => {
    const text = 'services:\n  web:\n    image: a:1\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE, SYS_ADMIN, NET_ADMIN]\n'
    expect(compose('DC004', text)).toEqual(['5:33 critical', '5:44 high'])
  })

  it.each([['NET_BIND_SERVICE'], ['CHOWN'], ['SETUID'], ['KILL'], ['NET_RAW'], ['${CAP}']])('does not fire on %s', (cap) => {
    expect(compose('DC004', caps(cap))).toEqual([])
  })

  it('does not fire on cap_drop', () => {
    expect(compose('DC004', 'services:\n  web:\n    image: a:1\n    cap_drop: [SYS_ADMIN, ALL]\n')).toEqual([])
  })
})
