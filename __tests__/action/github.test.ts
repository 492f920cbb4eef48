import { describe, expect, it } from '@jest/globals'
import { DEFAULT_TIMING, RETRIES, apiTimingFrom } from '../../src/action/github.js'

describe('apiTimingFrom', () => {
  it('defaults to a 20 s request timeout and 1 s retry unit: one request ends within 4 attempts and 14 s of waits', () => {
    expect(apiTimingFrom({})).toEqual({ requestTimeoutMs: 20_000, retryUnitMs: 1000 })
    expect(DEFAULT_TIMING).toEqual(apiTimingFrom({}))
    expect(RETRIES).toBe(3)
    const worst = (RETRIES + 1) * DEFAULT_TIMING.requestTimeoutMs + (1 + 4 + 9) * DEFAULT_TIMING.retryUnitMs
    expect(worst).toBe(94_000)
  })

  it('takes the test settings from the environment, and ignores values that are not positive numbers', () => {
    expect(apiTimingFrom({ CONTAINMENT_REQUEST_TIMEOUT_MS: '1500', CONTAINMENT_RETRY_UNIT_MS: '5' })).toEqual({ requestTimeoutMs: 1500, retryUnitMs: 5 })
    for (const bad of ['', '0', '-1', 'soon', 'Infinity']) {
      expect(apiTimingFrom({ CONTAINMENT_REQUEST_TIMEOUT_MS: bad, CONTAINMENT_RETRY_UNIT_MS: bad })).toEqual(DEFAULT_TIMING)
    }
  })
})
