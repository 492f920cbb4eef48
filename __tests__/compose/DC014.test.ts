import { beforeAll, describe, expect, it } from '@jest/globals'
import { compose, composeFindings, lines, prepareEngine } from './helpers.js'

beforeAll(prepareEngine)

const service = (...settings: string[]) => `services:\n  web:\n    image: a:1\n${settings.map((s) => `    ${s}\n`).join('')}`

describe('DC014 resource-limits-missing', () => {
  it('fires once per service at the service key, naming what is missing', () => {
    const findings = composeFindings('DC014', service())
    expect(findings.map((f) => `${f.line}:${f.column} ${f.severity}`)).toEqual(['2:3 low'])
    expect(findings[0].message).toContain('no memory and pids limit')
    expect(composeFindings('DC014', service('mem_limit: 512m'))[0].message).toContain('no pids limit')
    expect(composeFindings('DC014', service('pids_limit: 100'))[0].message).toContain('no memory limit')
  })

  it('fires at the deepest deploy/resources/limits key written, where the limit belongs', () => {
    const text = lines`
      services:
        web:
          image: a:1
          deploy:
            resources:
              limits:
                cpus: '0.5'
        api:
          image: b:1
          deploy:
            replicas: 2
    `
    expect(compose('DC014', text)).toEqual(['6:9 low', '10:5 low'])
  })

  it('fires on an explicit unlimited value, at the setting', () => {
    expect(compose('DC014', service('mem_limit: 512m', 'pids_limit: -1'))).toEqual(['5:5 low'])
  })

  it.each([
    ['mem_limit and pids_limit', service('mem_limit: 512m', 'pids_limit: 100')],
    [
      'deploy.resources.limits',
      lines`
        services:
          web:
            image: a:1
            deploy:
              resources:
                limits:
                  memory: 256M
                  pids: 100
      `
    ],
    ['a mix of both forms', service('mem_limit: 1g', 'deploy: {resources: {limits: {pids: 50}}}')],
    ['unknown values', service('mem_limit: ${MEM}', 'pids_limit: ${PIDS}')]
  ])('does not fire with %s', (_name, text) => {
    expect(compose('DC014', text)).toEqual([])
  })
})
