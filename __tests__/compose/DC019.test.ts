import { beforeAll, describe, expect, it } from '@jest/globals'
import { compose, lines, prepareEngine } from './helpers.js'

beforeAll(prepareEngine)

const sysctls = (entries: string, extra = '') => `services:\n  web:\n    image: a:1\n${extra}    sysctls:\n${entries}`

describe('DC019 host-sysctl', () => {
  it('fires on sysctls outside the namespaced sets, map and list form', () => {
    const text = lines`
      services:
        web:
          image: a:1
          sysctls:
            vm.max_map_count: 262144
            kernel.core_pattern: core
        db:
          image: b:1
          sysctls:
            - fs.file-max=100000
    `
    expect(compose('DC019', text)).toEqual(['5:7 medium', '6:7 medium', '10:9 medium'])
  })

  it('fires on net.* with host networking', () => {
    expect(compose('DC019', sysctls('      net.core.somaxconn: 1024\n', '    network_mode: host\n'))).toEqual(['6:7 medium'])
  })

  it.each([
    ['net.*', 'net.core.somaxconn: 1024'],
    ['net.* with slashes', 'net/ipv4/ip_forward: 1'],
    ['kernel.shm*', 'kernel.shmmax: 68719476736'],
    ['kernel.msg*', 'kernel.msgmax: 65536'],
    ['kernel.sem', 'kernel.sem: "250 32000 100 128"'],
    ['fs.mqueue.*', 'fs.mqueue.msg_max: 100']
  ])('does not fire on %s', (_name, entry) => {
    expect(compose('DC019', sysctls(`      ${entry}\n`))).toEqual([])
  })
})
