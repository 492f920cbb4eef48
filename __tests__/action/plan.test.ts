import { describe, expect, it } from '@jest/globals'
import type { RunContext } from '../../src/action/context.js'
import { createGit } from '../../src/action/git.js'
import { planScan } from '../../src/action/plan.js'
import { checkoutSource } from '../../src/action/sources.js'
import { walkCheckout } from '../../src/action/targets.js'
import { DirectoryWorkspace } from '../../src/core/workspace.js'
import { gitRepository, type Files } from './e2e-helpers.js'

/**
 * What a pull request scans, planned on a real git repository (the changed files from `git diff`, the
 * files around them from the checkout): the changed files, and the Compose files whose findings the
 * change can change.
 */

async function plan(base: Files, head: Record<string, string | null>, exclude: string[] = []): Promise<{ targets: string[]; scope: string }> {
  const repo = gitRepository(base, head)
  const context: RunContext = {
    eventName: 'pull_request',
    owner: 'octo',
    repo: 'app',
    serverUrl: 'https://github.com',
    workspace: repo.root,
    sha: repo.headSha,
    change: { kind: 'pull-request', number: 7, baseSha: repo.baseSha, headSha: repo.headSha, fork: false, target: false }
  }
  const result = await planScan({
    scope: 'changed',
    selection: { paths: [], exclude },
    context,
    head: { source: checkoutSource(repo.root), workspace: new DirectoryWorkspace(repo.root) },
    listAll: async () => walkCheckout(repo.root),
    git: createGit(repo.root)
  })
  return { targets: result.targets.map((t) => t.path), scope: result.scope }
}

const SERVICE = 'services:\n  web:\n    image: nginx:1.27\n'
const EDITED = SERVICE + '    read_only: true\n'

describe('the scan plan of a pull request that changes Compose files', () => {
  it('adds the base file beside a changed override file, in its own directory only', async () => {
    const base = { 'compose.yaml': SERVICE, 'deploy/docker-compose.yml': SERVICE, 'deploy/docker-compose.override.yml': SERVICE }
    expect(await plan(base, { 'deploy/docker-compose.override.yml': EDITED })).toEqual({
      targets: ['deploy/docker-compose.override.yml', 'deploy/docker-compose.yml'],
      scope: '1 file changed by pull request #7 and 1 other file of the changed Compose project'
    })
  })

  it('adds the override and every variant beside a changed base file, and the base under a changed variant', async () => {
    const base = { 'compose.yaml': SERVICE, 'compose.override.yaml': SERVICE, 'compose.prod.yaml': SERVICE, 'docker-compose-dev.yml': SERVICE, 'other/compose.yaml': SERVICE }
    expect((await plan(base, { 'compose.yaml': EDITED })).targets).toEqual(['compose.yaml', 'compose.override.yaml', 'compose.prod.yaml', 'docker-compose-dev.yml'])
    expect((await plan(base, { 'compose.prod.yaml': EDITED })).targets).toEqual(['compose.prod.yaml', 'compose.yaml'])
  })

  it('adds the base file when the override is removed: what the override set is gone from its services', async () => {
    const base = { 'compose.yaml': SERVICE, 'compose.override.yaml': SERVICE }
    expect(await plan(base, { 'compose.override.yaml': null })).toEqual({
      targets: ['compose.yaml'],
      scope: '0 files changed by pull request #7 and 1 other file of the changed Compose project'
    })
  })

  it('adds nothing when the override has no base beside it, or the base is excluded', async () => {
    expect((await plan({ 'compose.override.yaml': SERVICE }, { 'compose.override.yaml': EDITED })).targets).toEqual(['compose.override.yaml'])
    const base = { 'compose.yaml': SERVICE, 'compose.override.yaml': SERVICE }
    expect((await plan(base, { 'compose.override.yaml': EDITED }, ['compose.yaml'])).targets).toEqual(['compose.override.yaml'])
  })

  it('adds the Compose files that the project pulls in with include and extends, through the base file', async () => {
    const base = {
      'compose.yaml': 'include:\n  - db/compose.yaml\nservices:\n  web:\n    extends:\n      file: shared/compose.base.yaml\n      service: web\n',
      'compose.override.yaml': SERVICE,
      'db/compose.yaml': 'include:\n  - ../cache/compose.yaml\nservices:\n  db:\n    image: postgres:16\n',
      'cache/compose.yaml': SERVICE,
      'shared/compose.base.yaml': SERVICE,
      'unrelated/compose.yaml': SERVICE
    }
    expect((await plan(base, { 'compose.override.yaml': EDITED })).targets).toEqual([
      'compose.override.yaml',
      'compose.yaml',
      'db/compose.yaml',
      'shared/compose.base.yaml',
      'cache/compose.yaml'
    ])
  })

  it('adds the Compose files that pull in a changed file no scan finds by name', async () => {
    const base = {
      'compose.yaml': 'services:\n  web:\n    extends:\n      file: common/services.yml\n      service: web\n',
      'other/compose.yaml': 'include:\n  - ../common/services.yml\n',
      'common/services.yml': SERVICE,
      'third/compose.yaml': SERVICE
    }
    expect(await plan(base, { 'common/services.yml': EDITED })).toEqual({
      targets: ['compose.yaml', 'other/compose.yaml'],
      scope: '1 file changed by pull request #7 and 2 Compose files that pull in a changed file'
    })
  })

  it('adds the Compose files that extend a changed Compose file, whose services layer it', async () => {
    const base = { 'app/compose.yaml': 'services:\n  web:\n    extends:\n      file: ../base/compose.yaml\n      service: web\n', 'base/compose.yaml': SERVICE }
    expect((await plan(base, { 'base/compose.yaml': EDITED })).targets).toEqual(['base/compose.yaml', 'app/compose.yaml'])
  })
})
