import { beforeAll, describe, expect, it } from '@jest/globals'
import { compose, lines, prepareEngine, project } from './helpers.js'

beforeAll(prepareEngine)

describe('DC005 capabilities-not-dropped', () => {
  it('fires once per service, at the service key, or at its cap_drop key when one is written', () => {
    const text = lines`
      services:
        web:
          image: a:1
          cap_add: [NET_ADMIN]
        db:
          image: b:1
          cap_drop: [NET_RAW]
    `
    expect(compose('DC005', text)).toEqual(['2:3 low', '7:5 low'])
  })

  it.each([
    ['ALL', 'cap_drop: [ALL]'],
    ['all', 'cap_drop: [all]'],
    ['CAP_ALL', 'cap_drop: ["CAP_ALL"]'],
    ['ALL among others', 'cap_drop:\n      - NET_RAW\n      - ALL'],
    ['an unknown value', 'cap_drop: ["${DROP}"]']
  ])('does not fire with %s', (_name, setting) => {
    expect(compose('DC005', `services:\n  web:\n    image: a:1\n    ${setting}\n`)).toEqual([])
  })

  it('takes cap_drop from an anchor, from extends, and from the override file', () => {
    const text = lines`
      x-hardened: &hardened
        cap_drop: [ALL]
      services:
        a:
          <<: *hardened
          image: a:1
        b:
          extends: a
        c:
          image: c:1
    `
    expect(project('DC005', { 'compose.yaml': text, 'compose.override.yaml': 'services:\n  c:\n    cap_drop: [ALL]\n' })).toEqual([])
  })

  it('does not fire on an override file for a service its base file defines', () => {
    expect(
      project('DC005', {
        'docker-compose.yml': 'services:\n  web:\n    image: a:1\n',
        'docker-compose.override.yml': 'services:\n  web:\n    ports: ["8080:80"]\n  extra:\n    image: b:1\n'
      })
    ).toEqual(['docker-compose.override.yml:4:3 low', 'docker-compose.yml:2:3 low'])
  })
})
