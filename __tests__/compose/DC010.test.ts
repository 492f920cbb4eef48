import { beforeAll, describe, expect, it } from '@jest/globals'
import { compose, lines, prepareEngine } from './helpers.js'

beforeAll(prepareEngine)

const devices = (...items: string[]) => `services:\n  web:\n    image: a:1\n    devices:\n${items.map((i) => `      - ${i}\n`).join('')}`

describe('DC010 host-device', () => {
  it.each([
    ['/dev/mem', 'high'],
    ['/dev/kmem', 'high'],
    ['/dev/port', 'high'],
    ['/dev/sda', 'high'],
    ['/dev/sdb1:/dev/xvdb', 'high'],
    ['/dev/nvme0n1', 'high'],
    ['/dev/vda', 'high'],
    ['/dev/xvda', 'high'],
    ['/dev/mapper/root', 'high'],
    ['/dev/loop0', 'high'],
    ['/dev/dri:/dev/dri', 'medium'],
    ['/dev/net/tun', 'medium'],
    ['/dev/snd:/dev/snd:rw', 'medium'],
    ['/dev/ttyUSB0:/dev/ttyUSB0', 'medium']
  ])('fires on %s', (item, severity) => {
    expect(compose('DC010', devices(item))).toEqual([`5:9 ${severity}`])
  })

  it('reads the long syntax and device_cgroup_rules', () => {
    const text = lines`
      services:
        web:
          image: a:1
          devices:
            - source: /dev/sda
              target: /dev/sda
              permissions: rwm
          device_cgroup_rules:
            - 'a *:* rwm'
            - 'c 1:1 rwm'
            - 'c 189:* rmw'
    `
    expect(compose('DC010', text)).toEqual(['5:9 high', '9:9 high', '10:9 high', '11:9 medium'])
  })

  it.each([['a CDI device', 'nvidia.com/gpu=all'], ['an unknown device', '${DEVICE}']])('does not fire on %s', (_name, item) => {
    expect(compose('DC010', devices(item))).toEqual([])
  })
})
