import { beforeAll, describe, expect, it } from '@jest/globals'
import { compose, lines, prepareEngine } from './helpers.js'

beforeAll(prepareEngine)

describe('DC008 no-new-privileges-missing', () => {
  it('fires once per service, at the service key or at its security_opt key when other options are set', () => {
    const text = lines`
      services:
        web:
          image: a:1
        db:
          image: b:1
          security_opt:
            - apparmor=docker-default
    `
    expect(compose('DC008', text)).toEqual(['2:3 low', '6:5 low'])
  })

  it('fires on an explicit false, at that item', () => {
    expect(compose('DC008', 'services:\n  web:\n    image: a:1\n    security_opt: ["no-new-privileges:false"]\n')).toEqual(['4:20 low'])
  })

  it.each([['no-new-privileges'], ['no-new-privileges:true'], ['no-new-privileges=true'], ['"no-new-privileges=1"'], ['"${OPT}"']])(
    'does not fire with %s',
    (item) => {
      expect(compose('DC008', `services:\n  web:\n    image: a:1\n    security_opt:\n      - ${item}\n`)).toEqual([])
    }
  )
})
