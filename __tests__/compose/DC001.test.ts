import { beforeAll, describe, expect, it } from '@jest/globals'
import { compose, composeFindings, lines, prepareEngine } from './helpers.js'

beforeAll(prepareEngine)

const service = (setting: string) => `services:\n  web:\n    image: nginx:1.27\n    ${setting}\n`

describe('DC001 privileged', () => {
  it.each([
    ['true', 'privileged: true'],
    ['a quoted "true"', 'privileged: "true"'],
    ['yes', 'privileged: yes'],
    ['an interpolated default', 'privileged: ${PRIVILEGED:-true}']
  ])('fires on %s, at the key', (_name, setting) => {
    expect(compose('DC001', service(setting))).toEqual(['4:5 critical'])
  })

  it('fires on a value from the .env beside the file', () => {
    expect(compose('DC001', service('privileged: ${PRIV}'), { '.env': 'PRIV=true\n' })).toEqual(['4:5 critical'])
  })

  it.each([
    ['false', 'privileged: false'],
    ['absent', 'read_only: true'],
    ['an unknown variable', 'privileged: ${PRIV}'],
    ['a default of false', 'privileged: ${PRIV:-false}']
  ])('does not fire on %s', (_name, setting) => {
    expect(compose('DC001', service(setting))).toEqual([])
  })

  it('reports a value merged from an anchor once, on the line that writes it', () => {
    const text = lines`
      x-base: &base
        privileged: true
      services:
        a:
          <<: *base
          image: a:1
        b:
          <<: *base
          image: b:1
    `
    expect(compose('DC001', text)).toEqual(['2:3 critical'])
  })

  it('quotes the setting and the service in the message', () => {
    const [finding] = composeFindings('DC001', service('privileged: true'))
    expect(finding.message).toContain('Service "web" sets "privileged: true"')
    expect(finding.snippet).toBe('privileged: true')
  })
})
