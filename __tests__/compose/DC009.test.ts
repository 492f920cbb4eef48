import { beforeAll, describe, expect, it } from '@jest/globals'
import { compose, prepareEngine } from './helpers.js'

beforeAll(prepareEngine)

const service = (setting: string) => `services:\n  web:\n    image: a:1\n    ${setting}\n`

describe('DC009 root-user', () => {
  it.each([['user: root'], ['user: 0'], ['user: "0"'], ['user: "0:0"'], ['user: root:root'], ['user: root:wheel'], ['user: "0:1000"'], ['user: ${RUN_AS:-root}']])(
    'fires on %s',
    (setting) => {
      expect(compose('DC009', service(setting))).toEqual(['4:5 high'])
    }
  )

  it.each([['user: app'], ['user: "1000:1000"'], ['user: "${UID}:${GID}"'], ['user: ${USER}'], ['user: rooted'], ['user: "1000:0"'], ['image: other:1']])(
    'does not fire on %s',
    (setting) => {
      expect(compose('DC009', service(setting))).toEqual([])
    }
  )
})
