import { describe, expect, it } from '@jest/globals'
import { normalizeToolId, parseSuppressionComment } from '../../src/core/suppress.js'

describe('the suppression comment grammar', () => {
  it.each([
    ['containment-ignore DF001 DF008: base image runs as app', { placement: 'node', rules: ['DF001', 'DF008'], reason: 'base image runs as app' }],
    ['containment-ignore DF001,DF008: listed with commas', { placement: 'node', rules: ['DF001', 'DF008'], reason: 'listed with commas' }],
    ['containment-ignore df002: lower case IDs', { placement: 'node', rules: ['DF002'], reason: 'lower case IDs' }],
    ['containment-ignore-file DF009: digests are pinned by Renovate', { placement: 'file-top', rules: ['DF009'], reason: 'digests are pinned by Renovate' }],
    ['hadolint ignore=DL3002,DL3007', { tool: 'hadolint', placement: 'node', rules: ['DL3002', 'DL3007'] }],
    ['hadolint ignore=DL3002, DL3007 needed for the build', { tool: 'hadolint', placement: 'node', rules: ['DL3002', 'DL3007'], reason: 'needed for the build' }],
    ['hadolint global ignore=DL3008', { tool: 'hadolint', placement: 'file', rules: ['DL3008'] }],
    ['hadolint ignore=DL3008 # pinned by the base image', { tool: 'hadolint', placement: 'node', rules: ['DL3008'], reason: 'pinned by the base image' }],
    ['checkov:skip=CKV_DOCKER_8: the entrypoint drops privileges', { tool: 'checkov', placement: 'file', rules: ['CKV_DOCKER_8'], reason: 'the entrypoint drops privileges' }],
    ['checkov:skip=CKV_DOCKER_2', { tool: 'checkov', placement: 'file', rules: ['CKV_DOCKER_2'] }],
    ['kics-scan ignore', { tool: 'kics', placement: 'file-top', rules: 'all' }],
    ['kics-scan ignore-line', { tool: 'kics', placement: 'line', rules: 'all' }],
    ['kics-scan ignore-block', { tool: 'kics', placement: 'node', rules: 'all' }],
    ['kics-scan disable=fd54f200-402c-4333-a5a4-36ef6709af2f,b03a748a-542d-44f4-bb86-9199ab4fd2d5', { tool: 'kics', placement: 'file', rules: ['fd54f200-402c-4333-a5a4-36ef6709af2f', 'b03a748a-542d-44f4-bb86-9199ab4fd2d5'] }],
    ['dclint disable-line no-unbound-port-interfaces', { tool: 'dclint', placement: 'line', rules: ['no-unbound-port-interfaces'] }],
    ['dclint disable-line', { tool: 'dclint', placement: 'line', rules: 'all' }],
    ['dclint disable-line a-rule -- the proxy binds it', { tool: 'dclint', placement: 'line', rules: ['a-rule'], reason: 'the proxy binds it' }],
    ['dclint disable no-unbound-port-interfaces', { tool: 'dclint', placement: 'file-top', rules: ['no-unbound-port-interfaces'] }],
    ['dclint disable-file', { tool: 'dclint', placement: 'file', rules: 'all' }]
  ])('reads "# %s"', (text, expected) => {
    expect(parseSuppressionComment(text)).toEqual([expect.objectContaining(expected)])
    const [parsed] = parseSuppressionComment(text)
    expect(parsed.problem).toBeUndefined()
    if (!('reason' in expected)) expect(parsed.reason).toBeUndefined()
  })

  it('reads several Trivy ignores on one line, with their expiry dates', () => {
    expect(parseSuppressionComment('trivy:ignore:DS-0002 trivy:ignore:AVD-DS-0001:exp:2025-06-30')).toEqual([
      { tool: 'trivy', placement: 'node', rules: ['DS-0002'], expires: undefined },
      { tool: 'trivy', placement: 'node', rules: ['AVD-DS-0001'], expires: '2025-06-30' }
    ])
    expect(parseSuppressionComment('trivy:ignore:*')).toEqual([{ tool: 'trivy', placement: 'node', rules: 'all', expires: undefined }])
  })

  it.each([
    ['containment-ignore DF001', 'gives no reason, so it is not applied: a reviewer must see why the finding is acceptable. Write "# containment-ignore DF001: <why it is safe>"'],
    ['containment-ignore DF001:   ', 'gives no reason, so it is not applied: a reviewer must see why the finding is acceptable. Write "# containment-ignore DF001: <why it is safe>"'],
    ['containment-ignore: DF001 is fine', 'names no rule ID, so it suppresses nothing. Write "# containment-ignore <RULE-ID>: <why it is safe>"'],
    ['containment-ignore-file', 'names no rule ID, so it suppresses nothing. Write "# containment-ignore-file <RULE-ID>: <why it is safe>"']
  ])('reports what keeps "# %s" from applying', (text, problem) => {
    expect(parseSuppressionComment(text)).toEqual([expect.objectContaining({ problem })])
  })

  it.each([
    ['an ordinary comment', 'install the runtime'],
    ['a mention further in the text', 'see containment-ignore DF001: docs'],
    ['a longer word', 'containment-ignored DF001: x'],
    ['hadolint without ignore=', 'hadolint shell=powershell'],
    ['kics enable', 'kics-scan enable=fd54f200-402c-4333-a5a4-36ef6709af2f'],
    ['a trivy mention', 'trivy scans this image'],
    ['dclint enable', 'dclint enable no-unbound-port-interfaces'],
    ['checkov without an ID', 'checkov:skip=']
  ])('ignores %s', (_name, text) => {
    expect(parseSuppressionComment(text)).toEqual([])
  })

  it('reads a hostile comment in linear time', () => {
    const started = Date.now()
    parseSuppressionComment('containment-ignore ' + 'DF001 '.repeat(50_000) + ':' + ' '.repeat(50_000))
    parseSuppressionComment('hadolint ignore=' + 'DL3002,'.repeat(50_000))
    parseSuppressionComment('trivy:ignore:' + ':exp'.repeat(50_000))
    expect(Date.now() - started).toBeLessThan(1000)
  })
})

describe('other tools\' IDs', () => {
  it.each([
    ['trivy', 'AVD-DS-0002', 'DS-0002'],
    ['trivy', 'DS-0002', 'DS-0002'],
    ['trivy', 'DS002', 'DS-0002'],
    ['trivy', 'ds-0002', 'DS-0002'],
    ['hadolint', 'dl3002', 'DL3002'],
    ['checkov', 'ckv_docker_8', 'CKV_DOCKER_8'],
    ['kics', 'FD54F200-402C-4333-A5A4-36EF6709AF2F', 'fd54f200-402c-4333-a5a4-36ef6709af2f'],
    ['dclint', 'No-Unbound-Port-Interfaces', 'no-unbound-port-interfaces']
  ] as const)('%s %s is %s', (tool, id, normal) => {
    expect(normalizeToolId(tool, id)).toBe(normal)
  })
})
