import { beforeAll, describe, expect, it } from '@jest/globals'
import { compose, prepareEngine } from './helpers.js'

beforeAll(prepareEngine)

const options = (...items: string[]) => `services:\n  web:\n    image: a:1\n    security_opt:\n${items.map((i) => `      - ${i}\n`).join('')}`

describe('DC007 security-profile-disabled', () => {
  it.each([
    ['seccomp:unconfined'],
    ['seccomp=unconfined'],
    ['apparmor:unconfined'],
    ['apparmor=unconfined'],
    ['label:disable'],
    ['label=disable'],
    ['label:type:spc_t'],
    ['label=type:spc_t'],
    ['systempaths=unconfined'],
    ['systempaths:unconfined'],
    ['"seccomp=${PROFILE:-unconfined}"']
  ])('fires on %s, at the item', (item) => {
    expect(compose('DC007', options(item))).toEqual(['5:9 high'])
  })

  it.each([
    ['a custom seccomp profile', 'seccomp=./seccomp.json'],
    ['a custom AppArmor profile', 'apparmor=docker-custom'],
    ['an SELinux level', 'label=level:s0:c100,c200'],
    ['no-new-privileges', 'no-new-privileges:true'],
    ['an unknown value', 'seccomp=${PROFILE}']
  ])('does not fire on %s', (_name, item) => {
    expect(compose('DC007', options(item))).toEqual([])
  })
})
