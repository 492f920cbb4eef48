import { beforeAll, describe, expect, it } from '@jest/globals'
import { compose, prepareEngine } from './helpers.js'

beforeAll(prepareEngine)

const service = (setting: string) => `services:\n  web:\n    image: a:1\n    ${setting}\n`

describe('DC020 joined-namespace', () => {
  it.each([['network_mode: service:db'], ['network_mode: "container:vpn"'], ['pid: service:app'], ['ipc: container:shm-owner']])('fires on %s', (setting) => {
    expect(compose('DC020', service(setting))).toEqual(['4:5 info'])
  })

  it.each([['network_mode: host'], ['network_mode: bridge'], ['ipc: shareable'], ['uts: service:x'], ['network_mode: ${MODE}']])('does not fire on %s', (setting) => {
    expect(compose('DC020', service(setting))).toEqual([])
  })
})
